"""A fresh user, round 26 (user26): a paralegal at a conference organiser, who has never seen qiyue's code, writes a
会议活动服务合同 from README.md and docs/language(.en).md alone — `tests/contracts/event_services.txt` and its rules
`tests/contracts/event_services.qy`: a hotel gives the venue, 120 room-nights and catering for a 3-day conference on
Wed 2026-09-30 – Fri 10-02 (10-01 and 10-02 are 国庆 holidays; Sun 09-20 and Sat 10-10 are make-up working days).

The rules: 定金 20% (¥72,000.00) within 3 working days of signing (2.2); headcount confirmed by 09-23 24时 (3.1,
`due by day_end(event_start - 7 days)`); the client's power to cancel until the eve of the conference (4.1, `exercise
until day_end(event_start - 1 days)`), exercised by a notice deemed delivered, with a tiered fee by the days between the
day of delivery and 09-30 (4.2: ≥30 days 10% ¥36,000.00, 15–29 days 30% ¥108,000.00, <15 days 80% ¥288,000.00) and the
deposit set against it (4.3 多退少补: cancel_top_up / cancel_refund, by `accrued(cancel_fee)`); a venue fault fixed
within 2 hours, else ¥1,500.00 per hour begun, capped at ¥36,000.00 a fault, excused if caused by force majeure (5);
balance ¥288,000.00 within 10 working days after the conference, ¥144.00 a day late (2.3, 2.4); force majeure that
prevents the conference gives either party a power to terminate and 甲方 its deposit back (6); email delivered on
entering the recipient's system, courier on the 3rd day after posting, not moved (7.2).

Hand counts (民法典 第201–204条、第1259条; every day relied on is checked in test_passing_calendar_days_relied_on):
- Deposit, signed Thu 09-17 10:00: 3 working days 09-18 (1), Sat 09-19 rest, Sun 09-20 make-up (2), Mon 09-21 (3)
  → due 09-21 24时 = 09-22T00:00.  Signed Fri 09-18: 09-20 (1), 09-21 (2), 09-22 (3) → 09-23T00:00.
  Signed Wed 07-01: 07-02, 07-03, (07-04/05 weekend) 07-06 → 07-07T00:00.
- Headcount: 7 days before Wed 09-30 is Wed 09-23; the point is 09-23 24时 = 09-24T00:00 (not moved: `due by`).
- Balance: from the end of Fri 10-02: 10-03..10-07 holidays, 10-08 (1), 10-09 (2), Sat 10-10 make-up (3), 10-12..16
  (4–8), 10-19 (9), 10-20 (10) → due 10-20 24时 = 10-21T00:00.  Paid off Fri 10-23 10:00: days begun 10-21, 10-22,
  10-23 = 3 × ¥144.00 (万分之五 × ¥288,000.00) = ¥432.00.
- Fault reported 10:00 → due 12:00 included (第1259条).  Fixed 13:30: hours begun 12:00–13:00, 13:00–13:30 = 2 ×
  ¥1,500.00 = ¥3,000.00.  Fixed 12:00:01: 1 hour, ¥1,500.00.  Reported 09-30 10:00, never fixed, report 10-02 12:00:
  48 hours = ¥72,000.00 → capped ¥36,000.00.  Reported 10-02 23:00, report 10-03 03:30: 01:00–03:30 = 3 hours, ¥4,500.
- Cancellation tiers (days from the day of delivery to 09-30): courier posted Fri 08-28 → deemed Mon 08-31 (day 3,
  08-29 Sat = 1, 08-30 Sun = 2) → 08-31..09-30 = 30 days → 10%; email entered 08-31 23:59:59 → 30 days → 10%;
  entered 09-01 00:00 → 29 days → 30%; 09-15 → 15 days → 30%; 09-16 → 14 days → 80%; courier posted Thu 09-10 →
  Sun 09-13 (not moved) → 17 days → 30%; entered 09-30 00:00 → the conference day has begun, no power (4.1).
  4.3 with ¥72,000.00 paid: 10% → 乙方 refunds ¥36,000.00; 30% → 甲方 tops up ¥36,000.00; 80% → tops up ¥216,000.00.

Where the docs were unclear, or I had to guess (notes):
- How a termination's own event is read in a remedy: §4.11 says "the termination is itself an event (`for each
  buyer_without_cause x`)" but not which attributes it has.  I guessed `x.at` is the instant of delivery of the
  notice that made it; it is (the courier's deemed day gives x.at = 00:00 of that day, "时刻不明" in the text report).
- "N days before the conference": no worked example of a day count between two dates; I wrote the tiers as
  `x.at.day <= event_start - 30 days` (§8: a date minus days), guessing "提前30日（含30日）" is that.  Accepted.
- Whether `exercise until` (§5) takes `day_end(...)` of a date parameter, and whether an instant at 00:00 of the next
  day is still within it: the docs say an instant within a day includes its end; a notice at 09-30T00:00 is outside
  (as I hand-counted: the day of the conference has begun).
- §3.6 shows `default true` for a bool; for a `one of` I first wrote `default hotel` — refused with a clear hint
  (`默认值是文字的，要加引号：default "hotel"`), test_passing_unquoted_default_names_the_fix.
- Whether a `holder 甲方, 乙方` power is "held by n.from" for a termination by either party (§4.11 shows only a
  fixed party after `held by`): accepted; the other party's row lapses, as the docs say.
- 3.1's consequence ("因此增加的费用由甲方承担") has no amount in the contract; left as a note, no remedy.
- 5.2 "从合同价款中减收": the reduction should lower the balance 2.3 asks.  `fulfilled when … >= balance -
  accrued(fault_cut)` is refused (`accrued_per_hour_condition`, §5 says so): xfail
  test_balance_less_the_hourly_reduction.
- Law, not engine: 第586条 caps 定金 at 20% of the price, so I wrote 20% (my first draft's 30% would have been 定金
  only to 20%).
Error messages (tested below): a misspelt keyword (`obligaton`) names file:line:column and `是否想写：obligation`; a
wrong unit (`2 hrs`, `3 workdays`) lists the units and suggests `hours` / `working days`; a money cap in hours is a
`type_mismatch` with the fix; 大写 that does not match is only a warning (`amount_words_mismatch`, line 8, both
amounts) and the file still "检查通过" (rc 0) — the docs say "warns", but a paralegal would expect a mismatched 大写
to fail the check; facts: `T24:00:00` is refused with a useful hint, `"余款"` for `balance` suggests `balance（余款）`.
"""

import json
import os
import re
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
RULES = ROOT / "tests" / "contracts" / "event_services.qy"
TEXT = ROOT / "tests" / "contracts" / "event_services.txt"


def cli(*args):
    env = dict(os.environ, QIYUE_NATIVE="off")
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    return subprocess.run([sys.executable, "-m", "engine.cli", *map(str, args)], capture_output=True, text=True,
                          cwd=ROOT, env=env)


def F(fid, typ, at, **attrs):
    if len(at) > 10:
        at += "+08:00"
    return json.dumps({"id": fid, "type": typ, "at": at, **attrs}, ensure_ascii=False)


def N(fid, at, subject="cancel", method="email", frm="甲方", to="乙方", entered=None):
    extra = {"entered_at": entered + "+08:00"} if entered else {}
    return F(fid, "notice_sent", at, **{"from": frm, "to": to, "subject": subject, "method": method}, **extra)


def paid(fid, at, kind, amount):
    return F(fid, "paid", at, kind=kind, amount=amount)


LATE = [F("s", "contract_signed", "2026-09-17T10:00:00")]        # late booking: Thu 09-17
EARLY = [F("s", "contract_signed", "2026-07-01T10:00:00"), paid("d", "2026-07-03T10:00:00", "deposit", "72000.00")]


@pytest.fixture(scope="module")
def rules():
    from engine.api import compile_file
    return compile_file(RULES)


def ob(rep, name, trigger=None):
    return next(o for o in rep["obligations"] if o["name"] == name and o["status"] != "inactive"
                and (trigger is None or o["trigger"] == trigger))


def obs(rep, name):
    return [o for o in rep["obligations"] if o["name"] == name and o["status"] != "inactive"]


def rem(rep, name, holder=None):
    return next(r for r in rep["remedies"] if r["name"] == name and (holder is None or r["holder"] == holder))


def rems(rep, name):
    return [r for r in rep["remedies"] if r["name"] == name]


def codes(rep):
    return [f["code"] for f in rep.get("findings", [])]


def text_report(tmp_path, lines, as_of):
    p = tmp_path / "f.jsonl"
    p.write_text("\n".join(lines) + "\n", encoding="utf-8")
    r = cli("eval", RULES, "--facts", p, "--as-of", as_of, "--format", "text")
    assert r.returncode == 0, r.stderr
    return r.stdout


def bad_copy(tmp_path, old, new):
    src = RULES.read_text(encoding="utf-8")
    assert src.count(old) == 1, old
    p = tmp_path / "bad.qy"
    p.write_text(src.replace(old, new), encoding="utf-8")
    line = src[:src.index(old)].count("\n") + 1
    return p, line


# ---------------------------------------------------------------- guards

def test_passing_calendar_days_relied_on():
    import chinese_calendar as cc
    work = ["2026-07-02", "2026-07-03", "2026-07-06", "2026-09-18", "2026-09-20", "2026-09-21", "2026-09-22",
            "2026-09-23", "2026-09-30", "2026-10-08", "2026-10-09", "2026-10-10", "2026-10-12", "2026-10-16",
            "2026-10-19", "2026-10-20", "2026-08-31"]
    rest = ["2026-07-04", "2026-07-05", "2026-09-19", "2026-10-01", "2026-10-02", "2026-10-03", "2026-10-07",
            "2026-10-11", "2026-10-17", "2026-10-18", "2026-08-29", "2026-08-30", "2026-09-13"]
    assert all(cc.is_workday(date.fromisoformat(d)) for d in work)
    assert not any(cc.is_workday(date.fromisoformat(d)) for d in rest)
    assert date(2026, 9, 20).weekday() == 6 and date(2026, 10, 10).weekday() == 5      # make-up Sunday / Saturday
    assert (date(2026, 9, 30) - date(2026, 8, 31)).days == 30 and (date(2026, 9, 30) - date(2026, 9, 1)).days == 29
    assert (date(2026, 9, 30) - date(2026, 9, 15)).days == 15 and (date(2026, 9, 30) - date(2026, 9, 16)).days == 14


def test_passing_contract_text_and_amounts():
    t = TEXT.read_text(encoding="utf-8")
    assert 40 <= len(t.splitlines()) <= 70
    for s in ("叁拾陆万元整（¥360,000.00）", "柒万贰仟元整（¥72,000.00）", "贰拾捌万捌仟元整（¥288,000.00）",
              "壹佰肆拾肆元整，¥144.00", "叁万陆仟元整（¥36,000.00）", "壹拾万零捌仟元整（¥108,000.00）",
              "壹仟伍佰元整（¥1,500.00）", "自交寄之日起第3日视为送达", "2小时内排除故障"):
        assert s in t, s
    # 20% × 360,000 = 72,000; 360,000 − 72,000 = 288,000; 288,000 × 0.05% = 144; 10/30/80% = 36,000/108,000/288,000
    q = RULES.read_text(encoding="utf-8")
    for s in ("stated ¥72,000.00", "stated ¥288,000.00", "stated ¥144.00", "stated ¥36,000.00", "stated ¥108,000.00"):
        assert s in q, s


def test_passing_check_sound():
    r = cli("check", RULES)
    assert r.returncode == 0, r.stdout + r.stderr
    assert "检查通过" in r.stdout and "义务 4 项" in r.stdout and "救济 9 项" not in r.stdout
    assert "救济 8 项" in r.stdout and "视为事件 1 项" in r.stdout and "提示 0 条" in r.stdout


# ---------------------------------------------------------------- mistakes made on purpose

def test_passing_misspelt_keyword_names_place_and_keyword(tmp_path):
    p, line = bad_copy(tmp_path, "  obligation fix_fault", "  obligaton fix_fault")
    r = cli("check", p)
    out = r.stdout + r.stderr
    assert r.returncode != 0
    assert f"{p}:{line}:3" in out and "syntax_error" in out and f"第 {line} 行第 3 列" in out
    assert "是否想写：obligation" in out and "Traceback" not in out


def test_passing_wrong_units_suggest_the_right_one(tmp_path):
    p, line = bad_copy(tmp_path, "within 2 hours", "within 2 hrs")
    out = cli("check", p)
    assert out.returncode != 0 and f"{p}:{line}:14" in out.stdout + out.stderr
    assert "是否想写：hours" in out.stdout + out.stderr
    p, line = bad_copy(tmp_path, "within 3 working days", "within 3 workdays")
    out = cli("check", p)
    assert out.returncode != 0 and f"{p}:{line}:14" in out.stdout + out.stderr
    assert "是否想写：working days" in out.stdout + out.stderr


def test_passing_money_cap_in_hours_is_a_type_mismatch(tmp_path):
    p, line = bad_copy(tmp_path, "each at most cut_cap", "each at most 24 hours")
    out = cli("check", p)
    text = out.stdout + out.stderr
    assert out.returncode != 0 and "type_mismatch" in text and f"{p}:{line}:18" in text
    assert "上限须与金额同类" in text and "修改方法" in text


def test_passing_words_that_do_not_match_warn_with_both_amounts(tmp_path):
    p, line = bad_copy(tmp_path, 'words "叁拾陆万元整"', 'words "叁拾伍万元整"')
    out = cli("check", p)
    text = out.stdout + out.stderr
    assert line == 8 and f"{p}:8:1" in text and "amount_words_mismatch" in text
    assert "¥350,000.00" in text and "¥360,000.00" in text and "不一致" in text
    assert out.returncode == 0 and "检查通过" in text        # a warning only (docs §3.3 "warns")


def test_passing_unquoted_default_names_the_fix(tmp_path):
    p, line = bad_copy(tmp_path, 'default "hotel"', "default hotel")
    out = cli("check", p)
    text = out.stdout + out.stderr
    assert out.returncode != 0 and f"{p}:{line}:" in text
    assert 'default "hotel"' in text and "加引号" in text


def test_passing_fact_mistakes_name_line_and_fix(tmp_path):
    f = tmp_path / "f.jsonl"
    f.write_text("\n".join(LATE + [paid("p", "2026-09-20T10:00:00", "余款", "72000.00"),
                                   '{"id":"q","type":"paid","at":"2026-10-20T24:00:00+08:00","kind":"balance",'
                                   '"amount":"288000.00"}']) + "\n", encoding="utf-8")
    out = cli("eval", RULES, "--facts", f, "--as-of", "2026-10-25")
    text = out.stdout + out.stderr
    assert out.returncode != 0
    assert f"{f}:2:" in text and "是否想写：balance（余款）" in text
    assert f"{f}:3:" in text and "bad_time" in text and "23:59:59" in text


# ---------------------------------------------------------------- 2.2 deposit

def test_passing_deposit_counts_the_make_up_sunday(rules):
    # Thu 09-17 10:00 → 09-18 (1), Sun 09-20 make-up (2), 09-21 (3) → 09-22T00:00; paid on the Sunday itself
    rep = rules.evaluate(LATE + [paid("p", "2026-09-20T10:00:00", "deposit", "72000.00")], "2026-09-25")
    o = ob(rep, "pay_deposit")
    assert o["due"] == "2026-09-22T00:00:00+08:00" and o["status"] == "fulfilled"


def test_passing_deposit_signed_friday_due_wednesday(rules):
    # Fri 09-18 → Sun 09-20 (1), 09-21 (2), 09-22 (3) → 09-23T00:00; nothing paid → violated
    rep = rules.evaluate([F("s", "contract_signed", "2026-09-18T16:00:00")], "2026-09-23T08:00")
    o = ob(rep, "pay_deposit")
    assert o["due"] == "2026-09-23T00:00:00+08:00" and o["status"] == "violated"


def test_passing_deposit_paid_at_0000_of_the_fourth_day_is_late(rules):
    rep = rules.evaluate(LATE + [paid("p", "2026-09-22T00:00:00", "deposit", "72000.00")], "2026-09-25")
    assert ob(rep, "pay_deposit")["status"] == "violated"


def test_passing_deposit_in_two_parts(rules):
    # ¥30,000.00 on 09-18 + ¥42,000.00 on 09-21 23:59:59 = ¥72,000.00 by the last day
    rep = rules.evaluate(LATE + [paid("p1", "2026-09-18T09:00:00", "deposit", "30000.00"),
                                 paid("p2", "2026-09-21T23:59:59", "deposit", "42000.00")], "2026-09-25")
    assert ob(rep, "pay_deposit")["status"] == "fulfilled"


# ---------------------------------------------------------------- 3.1 headcount

def test_passing_headcount_last_second_and_first_late_instant(rules):
    ok = rules.evaluate(EARLY + [F("h", "headcount_confirmed", "2026-09-23T23:59:59", count=350)], "2026-09-25")
    late = rules.evaluate(EARLY + [F("h", "headcount_confirmed", "2026-09-24T00:00:00", count=350)], "2026-09-25")
    assert ob(ok, "confirm_headcount")["due"] == "2026-09-24T00:00:00+08:00"
    assert ob(ok, "confirm_headcount")["status"] == "fulfilled"
    assert ob(late, "confirm_headcount")["status"] == "violated"


# ---------------------------------------------------------------- 2.3 / 2.4 balance

def test_passing_balance_due_after_national_day(rules):
    rep = rules.evaluate(EARLY + [paid("b", "2026-10-20T23:59:59", "balance", "288000.00")], "2026-10-25")
    o = ob(rep, "pay_balance")
    assert o["due"] == "2026-10-21T00:00:00+08:00" and o["status"] == "fulfilled"   # 10 working days, Sat 10-10 counted
    assert not rems(rep, "late_balance")


def test_passing_balance_paid_late_in_parts(rules):
    # ¥200,000.00 on 10-20, ¥88,000.00 on Fri 10-23: 10-21, 22, 23 = 3 × ¥144.00
    rep = rules.evaluate(EARLY + [paid("b1", "2026-10-20T10:00:00", "balance", "200000.00"),
                                  paid("b2", "2026-10-23T10:00:00", "balance", "88000.00")], "2026-10-30")
    assert ob(rep, "pay_balance")["status"] == "violated"
    assert rem(rep, "late_balance")["amount"] == "432.00"


# ---------------------------------------------------------------- 5 venue faults

def test_passing_fault_two_hours_includes_its_end_instant(rules):
    rep = rules.evaluate(LATE + [F("f1", "fault_reported", "2026-09-30T10:00:00"),
                                 F("x1", "fault_fixed", "2026-09-30T12:00:00", ref="f1"),
                                 F("f2", "fault_reported", "2026-10-01T10:00:00"),
                                 F("x2", "fault_fixed", "2026-10-01T12:00:01", ref="f2")], "2026-10-02")
    assert ob(rep, "fix_fault", "f1")["status"] == "fulfilled"
    assert ob(rep, "fix_fault", "f2")["status"] == "violated"
    assert rem(rep, "fault_cut")["amount"] == "1500.00"          # one hour begun


def test_passing_fault_on_a_holiday_two_hours_begun(rules, tmp_path):
    lines = LATE + [F("f1", "fault_reported", "2026-10-01T10:00:00"), F("x1", "fault_fixed", "2026-10-01T13:30:00",
                                                                          ref="f1")]
    rep = rules.evaluate(lines, "2026-10-05")
    assert ob(rep, "fix_fault")["due"] == "2026-10-01T12:00:00+08:00"   # hours are not moved for the holiday
    assert rem(rep, "fault_cut")["amount"] == "3000.00"                 # 12:00–13:00, 13:00–13:30
    t = text_report(tmp_path, lines, "2026-10-05")
    assert "共计 2 小时" in t and "不足1小时的按1小时计" in t and "¥3,000.00" in t and "Traceback" not in t


def test_passing_fault_never_fixed_is_capped(rules):
    rep = rules.evaluate(LATE + [F("f1", "fault_reported", "2026-09-30T10:00:00")], "2026-10-02T12:00")
    assert rem(rep, "fault_cut")["amount"] == "36000.00"          # 48 h (09-30 12:00 → 10-02 12:00) × ¥1,500.00 = ¥72,000.00 → cap


def test_passing_fault_late_on_the_last_evening(rules):
    rep = rules.evaluate(LATE + [F("f1", "fault_reported", "2026-10-02T23:00:00")], "2026-10-03T03:30")
    assert ob(rep, "fix_fault")["due"] == "2026-10-03T01:00:00+08:00"
    assert rem(rep, "fault_cut")["amount"] == "4500.00"           # 01:00–02:00, –03:00, –03:30


def test_passing_fault_by_force_majeure_is_excused(rules):
    rep = rules.evaluate(LATE + [F("f1", "fault_reported", "2026-09-30T10:00:00", cause="force_majeure")],
                         "2026-10-02")
    assert ob(rep, "fix_fault")["status"] == "excused" and not rems(rep, "fault_cut")


def test_passing_fault_before_the_conference_is_not_clause_5(rules):
    rep = rules.evaluate(LATE + [F("f1", "fault_reported", "2026-09-29T15:00:00")], "2026-09-30")
    assert obs(rep, "fix_fault") == []                            # 5.1: 会期内 only


# ---------------------------------------------------------------- 4 cancellation

def test_passing_cancel_by_courier_exactly_30_days(rules):
    # posted Fri 08-28 → deemed Mon 08-31 → 30 days before 09-30 → 10% ¥36,000.00; deposit ¥72,000.00 → refund ¥36,000
    rep = rules.evaluate(EARLY + [N("n", "2026-08-28T10:00:00", method="courier")], "2026-09-05")
    assert rep["contract_life"]["ended"] == "2026-08-31T00:00:00+08:00"
    assert rem(rep, "cancel_fee")["amount"] == "36000.00"
    assert rem(rep, "cancel_refund")["amount"] == "36000.00" and rem(rep, "cancel_top_up")["amount"] == "0.00"
    assert ob(rep, "pay_balance")["status"] == "discharged" and ob(rep, "confirm_headcount")["status"] == "discharged"


@pytest.mark.parametrize("entered, fee, top_up, refund", [
    ("2026-08-31T23:59:59", "36000.00", "0.00", "36000.00"),      # 30 days
    ("2026-09-01T00:00:00", "108000.00", "36000.00", "0.00"),     # 29 days
    ("2026-09-15T10:00:00", "108000.00", "36000.00", "0.00"),     # 15 days
    ("2026-09-16T10:00:00", "288000.00", "216000.00", "0.00"),    # 14 days
    ("2026-09-29T23:00:00", "288000.00", "216000.00", "0.00"),    # the eve: still before the conference
])
def test_passing_cancel_tiers_by_the_day_of_entry(rules, entered, fee, top_up, refund):
    rep = rules.evaluate(EARLY + [N("n", "2026-08-31T23:00:00" if entered < "2026-09-02" else entered, entered=entered)],
                         "2026-10-01")
    assert rem(rep, "cancel_fee")["amount"] == fee
    assert rem(rep, "cancel_top_up")["amount"] == top_up and rem(rep, "cancel_refund")["amount"] == refund


def test_passing_courier_deemed_day_not_moved_off_a_sunday(rules):
    # posted Thu 09-10 → Sun 09-13 (not moved) → 17 days → 30%
    rep = rules.evaluate(EARLY + [N("n", "2026-09-10T10:00:00", method="courier")], "2026-09-20")
    assert rep["contract_life"]["ended"] == "2026-09-13T00:00:00+08:00"
    assert rem(rep, "cancel_fee")["amount"] == "108000.00"


def test_passing_cancel_on_the_conference_day_has_no_effect(rules):
    rep = rules.evaluate(EARLY + [N("n", "2026-09-29T23:00:00", entered="2026-09-30T00:00:00")], "2026-10-01")
    assert "termination_without_right" in codes(rep) and rep["contract_life"]["ended"] is None
    assert rem(rep, "cancel_right")["status"] == "lapsed" and not rems(rep, "cancel_fee")
    assert ob(rep, "pay_balance")["status"] == "active"


def test_passing_email_without_entry_time_is_flagged_not_guessed(rules):
    rep = rules.evaluate(EARLY + [N("n", "2026-09-01T10:00:00")], "2026-09-05")
    assert "notice_delivery_undetermined" in codes(rep) and rep["contract_life"]["ended"] is None
    assert rem(rep, "cancel_right")["status"] == "held"


def test_passing_late_booking_cancelled_next_day(rules):
    # signed 09-17, cancelled 09-18 10:00 (12 days): the unpaid deposit (due 09-22) is discharged; 80% all to be paid
    rep = rules.evaluate(LATE + [N("n", "2026-09-18T10:00:00", entered="2026-09-18T10:00:00")], "2026-10-01")
    assert ob(rep, "pay_deposit")["status"] == "discharged"
    assert rem(rep, "cancel_fee")["amount"] == "288000.00" and rem(rep, "cancel_top_up")["amount"] == "288000.00"


def test_passing_cancel_at_0000_after_headcount_day_leaves_it_violated(rules):
    # the headcount fell due at 09-23 24时, before the notice at 09-24 00:00 (24:00 of a day precedes 00:00 of next)
    rep = rules.evaluate(EARLY + [N("n", "2026-09-24T00:00:00", entered="2026-09-24T00:00:00")], "2026-10-01")
    assert ob(rep, "confirm_headcount")["status"] == "violated"
    assert rem(rep, "cancel_fee")["amount"] == "288000.00"          # 6 days before


# ---------------------------------------------------------------- 6 force majeure

def test_passing_force_majeure_termination_returns_the_deposit(rules):
    lines = EARLY + [F("fm", "force_majeure", "2026-09-25T09:00:00", party="乙方", prevents_event=True),
                     N("n", "2026-09-25T12:00:00", subject="force_majeure", frm="乙方", to="甲方",
                       entered="2026-09-25T12:01:00")]
    rep = rules.evaluate(lines, "2026-10-25")
    assert rep["contract_life"]["ended_by"] == "fm_termination"
    assert rem(rep, "fm_refund")["amount"] == "72000.00" and not rems(rep, "cancel_fee")
    assert ob(rep, "pay_balance")["status"] == "discharged"
    assert rem(rep, "fm_power", "乙方")["status"] == "exercised" and rem(rep, "fm_power", "甲方")["status"] == "lapsed"


def test_passing_force_majeure_that_does_not_prevent_gives_no_power(rules):
    lines = EARLY + [F("fm", "force_majeure", "2026-09-25T09:00:00", party="乙方", prevents_event=False),
                     N("n", "2026-09-25T12:00:00", subject="force_majeure", frm="乙方", to="甲方",
                       entered="2026-09-25T12:01:00")]
    rep = rules.evaluate(lines, "2026-09-26")
    assert "termination_without_right" in codes(rep) and rep["contract_life"]["ended"] is None


# ---------------------------------------------------------------- where the language or the report falls short

@pytest.mark.xfail(strict=True, reason=(
    "5.2 从合同价款中减收: the balance 2.3 asks should be ¥288,000.00 less the hourly reduction. "
    "`fulfilled when sum(…) >= balance - accrued(fault_cut)` is refused by check (accrued_per_hour_condition, "
    "docs §5: a per-hour total may not be read by fulfilled when); hand count: fault 10-01 10:00 fixed 13:30 → "
    "¥3,000.00, so ¥285,000.00 paid on 10-20 performs 2.3 in time. The only route is re-deriving the hours from the "
    "facts in the condition (check's own hint), which loses faults not yet fixed and the cap."))
def test_balance_less_the_hourly_reduction(tmp_path):
    from engine.api import compile_rules
    src = RULES.read_text(encoding="utf-8").replace(
        'fulfilled when sum(p.amount for each paid p where p.kind == "balance") >= balance',
        'fulfilled when sum(p.amount for each paid p where p.kind == "balance") >= balance - accrued(fault_cut)')
    rules2 = compile_rules(src)
    rep = rules2.evaluate(EARLY + [F("f1", "fault_reported", "2026-10-01T10:00:00"),
                                   F("x1", "fault_fixed", "2026-10-01T13:30:00", ref="f1"),
                                   paid("b", "2026-10-20T10:00:00", "balance", "285000.00")], "2026-10-25")
    assert ob(rep, "pay_balance")["status"] == "fulfilled"


# FIXED (was a strict xfail: fixed in the session of 2026-12-07 (07:12–): a held remedy that comes to nothing is not counted among the claims in the summary (build._nothing))
def test_summary_leaves_out_a_claim_of_nothing(tmp_path):
    t = text_report(tmp_path, EARLY + [N("n", "2026-08-28T10:00:00", method="courier")], "2026-09-05")
    summary = t.split("二、逐条")[0]
    assert "cancel_refund" in summary and "¥36,000.00" in summary
    assert "cancel_top_up" not in summary
