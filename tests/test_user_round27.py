"""A fresh user, round 27 (user27): a paralegal at a home-renovation company, who has never seen qiyue's code, writes a
家庭居室装饰装修工程施工合同 from README.md and docs/language(.en).md alone — `tests/contracts/renovation.txt` and its rules
`tests/contracts/renovation.qy`: a flat, ¥200,000.00, signed Tue 2026-02-03, works 02-05 – 04-30 across the Spring
Festival (02-15..02-23 holidays, Sat 02-14 and Sat 02-28 make-up working days); a late completion runs into Labour Day
(05-01..05-05 holidays, Sat 05-09 a make-up working day).

The rules: 3.2 four payments (30% ¥60,000 within 3 days of signing, 40% ¥80,000 within 3 days of the 水电 acceptance,
25% ¥50,000 within 3 days of the completion acceptance, 5% ¥10,000 within 7 days after the 2-year warranty); 4 concealed
works (乙方's notice, 甲方 inspects within 48 hours, else deemed accepted, 民法典第798条; covered without a notice
delivered first: 甲方 may require uncovering at 乙方's cost); 5 completion by 2026-04-30, ¥100.00 (0.05%) a day late,
at most ¥10,000.00 (5%); 6 a leak fixed within 24 hours of the report; 7.1 甲方 late: 0.05% a day of the overdue
unpaid amount (recomputed daily); 8.1 either party may terminate once a written 催告 has gone 15 days uncured; 9.2
WeChat delivered on sending, registered post on the 5th day after posting (not moved).

Hand counts (民法典 第201–204条、第1259条; the days relied on are checked in test_passing_calendar_days_relied_on):
- pay_1, signed Tue 02-03 10:00: 02-04 (1), 02-05 (2), Fri 02-06 (3) → due 02-06 24时 = 02-07T00:00.
  Signed Thu 02-12: 02-13, Sat 02-14, Sun 02-15 (3) — a holiday → moved (第203条) past 02-16..02-23 to Tue 02-24 →
  02-25T00:00; paid 02-25 09:00 → 1 day begun × 0.05% × ¥60,000 = ¥30.00.
- pay_2, 水电 accepted Fri 02-13 16:00: 02-14, 02-15, Mon 02-16 (3, holiday) → Tue 02-24 → 02-25T00:00.  Paid whole
  Fri 02-27 10:00: 02-25, 02-26, 02-27 = 3 × ¥40.00 = ¥120.00.  Paid ¥40,000 on 02-26 10:00 and ¥40,000 on 02-28
  10:00 (recomputed daily on the balance before each day began; the payment day at the old balance): 02-25 ¥40,
  02-26 ¥40, 02-27 ¥20, 02-28 ¥20 = ¥120.00.
- pay_3, completion accepted Fri 05-08 10:00: Sat 05-09 (make-up), Sun 05-10, Mon 05-11 (3, working) → 05-12T00:00.
- 4 concealed: WeChat notice Mon 02-09 10:00 → delivered at once → 48 hours → 02-11 10:00 included (第1259条).
  Registered post Mon 02-09 → 5th day after 02-09 is Sat 02-14 (not moved) → 48 hours from the end of that day at the
  latest → 02-17T00:00.  Covered Sun 02-08 with no notice → uncover held; covered 02-12 after the WeChat notice of
  the same part → none; covered 02-12 after posting on 02-09 but before the deemed delivery of 02-14 → uncover held.
- 5 completion: due by 04-30 24时 = 05-01T00:00 (a date, not moved; the holidays are not excluded, 2.2).  Applied Wed
  05-06 10:00: 05-01..05-06 = 6 × ¥100 = ¥600.00.  Never applied, report 07-15 12:00: 31 + 30 + 15 = 76 days =
  ¥7,600.00; report 08-10 12:00: 31 + 30 + 31 + 10 = 102 days = ¥10,200 → capped ¥10,000.00.
- 6 leak reported Wed 06-10 21:00 → due 06-11 21:00 included; fixed 21:00:00 in time, 21:00:01 late.
- 8.1 甲方's 催告 for the late completion by registered post Fri 05-08 → delivered Wed 05-13 (day 5) → 15 days: 05-14..
  Thu 05-28 (working) → power at 05-28 24时 = 05-29T00:00.  Terminated by WeChat Mon 06-01 10:00 → the contract ends
  06-01 10:00; delay damages 05-01..06-01 = 32 days = ¥3,200.00 (they accrue to the day the contract ended, §4.11).
  By WeChat Fri 05-08 10:00: 05-09..05-23 (Sat, rest) → moved to Mon 05-25 → power at 05-26T00:00.
  乙方's 催告 for pay_2 (violated 02-25) by WeChat Mon 03-02 10:00: 03-03..Tue 03-17 → power at 03-18T00:00.
- 3.2(4): accepted 2026-05-08 → warranty 2 years, last day 2028-05-08 → 7 days from 2028-05-09 to 05-15, a year no
  calendar knows (`calendar fallback undetermined`): unpaid → undetermined; paid 2028-05-10 (before the earliest end)
  → fulfilled.

Notes — where the docs were unclear, where I guessed, what the messages did:
- The deemed delivery of a registered letter is a *day* (§6: "a deemed day … never moved"; §3.6: "a deemed event at
  it is on that day, not at 00:00").  I did not know how a 48-hour period runs from such a day until I tried: the
  engine counts it from 24:00 at the latest (due 02-17T00:00, which I accept) but calls an inspection on 02-16 10:00
  "待定" — xfail test_xfail_inspection_within_48h_of_deemed_day_is_in_time.
- My first draft let only an inspection *after* the deemed delivery count; an owner who inspects while the letter is
  in the post (he heard by phone) would have been in breach.  §4.4's `counting earlier since n.source_at` fixed it
  (test_passing_inspection_while_letter_in_post_counts) — the docs' pitfall list warned about `since`.
- `verify planned_start + 84 days == planned_finish` (§3.9) caught a wrong finish date as contract_inconsistency
  (a warning, rc 0), quoting both dates.
- `unless … within 15 days` (§5) is counted as an act (moved off a rest day) — documented and confirmed (05-26).
- "Breach continues 15 days after notice": the language has no general "breach still continuing"; I used a fact
  `breach_cured` naming the 催告 (n.source is the id of the notice_sent, §6).  For a late payment the payment itself
  should be the cure; I could not find a way to say "the overdue installment paid" in one `unless` for four stages.
- Whether a termination by a notice *deemed* delivered needs `n.source` or `n.id`: guessed `n.source` for the cure's
  ref (worked).
- 4.3 "未通知即隐蔽": I read it as "no notice delivered before covering" — a letter posted but not yet deemed
  delivered is no notice (my reading, not the docs').  Covering after a notice but before the 48 hours ran out is not
  caught by this rule; the contract text does not say it is a breach either.
- `calendar fallback undetermined` was needed as soon as the 5% after a 2-year warranty was written (2028): without it
  the docs say the evaluation stops.  The finding `calendar_year_unknown` says which file to add.
- Mistakes on purpose (tested): `obligaton` → file:line:col, the keyword list and "是否想写：obligation"; `24 hrs` →
  the list of units and "是否想写：hours"; `fix_leaks.violated` → unknown_obligation with "是否想写：fix_leak" (no
  修改方法 line, but the did-you-mean suffices); an alias `m` not bound → unknown_name with a fix; `0.05‰ of price
  stated ¥100.00` → only a *warning* stated_amount_mismatch (¥10.00 vs ¥100.00) with line and column, and the check
  still passes (rc 0).  `late_rate = 0.05‰` with no `stated` is accepted silently: nothing to compare with — a
  paralegal should write `stated` wherever the contract gives the money figure (docs §3.3 say so).
- Facts: a concealed notice without `part` → missing_attribute naming the line (not which condition required it); a
  method typed as "微信" lists the allowed values but, unlike an exact label, suggests nothing — xfail
  test_xfail_fact_method_word_suggests_the_labelled_value.
"""

import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
RULES = ROOT / "tests" / "contracts" / "renovation.qy"
TEXT = ROOT / "tests" / "contracts" / "renovation.txt"


def cli(*args):
    env = dict(os.environ, QIYUE_NATIVE="off")
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    return subprocess.run([sys.executable, "-m", "engine.cli", *map(str, args)], capture_output=True, text=True,
                          cwd=ROOT, env=env)


def F(fid, typ, at, **attrs):
    if len(at) > 10:
        at += "+08:00"
    return json.dumps({"id": fid, "type": typ, "at": at, **attrs}, ensure_ascii=False)


def N(fid, at, frm, to, subject, method, **extra):
    return F(fid, "notice_sent", at, **{"from": frm, "to": to, "subject": subject, "method": method}, **extra)


def paid(fid, at, stage, amount):
    return F(fid, "paid", at, stage=stage, amount=amount)


S = F("s", "contract_signed", "2026-02-03T10:00:00")          # Tue 2026-02-03
ACC = F("a", "completion_accepted", "2026-05-08T10:00:00")    # Fri 2026-05-08


@pytest.fixture(scope="module")
def rules():
    from engine.api import compile_file
    return compile_file(RULES)


def ob(rep, name):
    return next(o for o in rep["obligations"] if o["name"] == name and o["status"] != "inactive")


def obs(rep, name):
    return [o for o in rep["obligations"] if o["name"] == name and o["status"] != "inactive"]


def rems(rep, name):
    return [r for r in rep["remedies"] if r["name"] == name]


def rem(rep, name):
    rows = rems(rep, name)
    assert len(rows) == 1, rows
    return rows[0]


def events(rep, name):
    return [e for e in rep["events"] if e["name"] == name]


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
    work = ["2026-02-06", "2026-02-14", "2026-02-24", "2026-02-28", "2026-03-17", "2026-04-30", "2026-05-06",
            "2026-05-09", "2026-05-11", "2026-05-25", "2026-05-28", "2026-06-01"]
    rest = ["2026-02-15", "2026-02-16", "2026-02-22", "2026-02-23", "2026-05-01", "2026-05-05", "2026-05-10",
            "2026-05-23", "2026-05-24"]
    assert all(cc.is_workday(date.fromisoformat(d)) for d in work)
    assert not any(cc.is_workday(date.fromisoformat(d)) for d in rest)
    assert date(2026, 2, 14).weekday() == 5 and date(2026, 5, 9).weekday() == 5        # make-up Saturdays
    with pytest.raises(NotImplementedError):
        cc.is_workday(date(2028, 5, 15))                                                  # 2028 not yet known
    assert (date(2026, 4, 30) - date(2026, 2, 5)).days + 1 == 85                          # 工期85日（含开工当日）


def test_passing_contract_text_and_amounts():
    t = TEXT.read_text(encoding="utf-8")
    assert 40 <= len(t.splitlines()) <= 70
    for s in ("贰拾万元整（¥200,000.00）", "陆万元整（¥60,000.00）", "捌万元整（¥80,000.00）", "伍万元整（¥50,000.00）",
              "壹万元整（¥10,000.00）", "壹佰元整（¥100.00）", "48小时内", "24小时内修复", "15日内仍未纠正",
              "发出即视为送达", "自交寄之日起第5日视为送达", "第七百九十八条"):
        assert s in t, s
    # 30/40/25/5% of 200,000 = 60,000/80,000/50,000/10,000; 0.05% = 100; 5% = 10,000
    q = RULES.read_text(encoding="utf-8")
    for s in ("stated ¥60,000.00", "stated ¥80,000.00", "stated ¥50,000.00", "stated ¥10,000.00", "stated ¥100.00"):
        assert s in q, s


def test_passing_check_sound():
    r = cli("check", RULES)
    assert r.returncode == 0, r.stdout + r.stderr
    assert "检查通过" in r.stdout and "义务 7 项" in r.stdout and "救济 9 项" in r.stdout
    assert "视为事件 3 项" in r.stdout and "提示 0 条" in r.stdout


# ---------------------------------------------------------------- mistakes made on purpose

def test_passing_misspelt_keyword_names_place_and_keyword(tmp_path):
    p, line = bad_copy(tmp_path, "  obligation fix_leak", "  obligaton fix_leak")
    r = cli("check", p)
    out = r.stdout + r.stderr
    assert r.returncode == 1 and f"{p}:{line}:3" in out and "syntax_error" in out
    assert f"第 {line} 行第 3 列" in out and "是否想写：obligation" in out and "Traceback" not in out


def test_passing_wrong_unit_lists_units_and_suggests(tmp_path):
    p, line = bad_copy(tmp_path, "within 24 hours", "within 24 hrs")
    r = cli("check", p)
    out = r.stdout + r.stderr
    assert r.returncode == 1 and f"{p}:{line}:15" in out
    assert "是否想写：hours" in out and "个工作日" in out and "小时" in out


def test_passing_unknown_rule_reference_did_you_mean(tmp_path):
    p, line = bad_copy(tmp_path, "for each fix_leak.violated o", "for each fix_leaks.violated o")
    r = cli("check", p)
    out = r.stdout + r.stderr
    assert r.returncode == 1 and f"{p}:{line}:14" in out and "unknown_obligation" in out
    assert "没有名为 “fix_leaks” 的义务" in out and "是否想写：fix_leak" in out


def test_passing_unbound_alias_names_fix(tmp_path):
    p, line = bad_copy(tmp_path, "at day 5 after n", "at day 5 after m")
    r = cli("check", p)
    out = r.stdout + r.stderr
    assert r.returncode == 1 and "unknown_name" in out and f"{p}:{line}:" in out and "修改方法" in out


def test_passing_permille_instead_of_percent_warns_with_both_amounts(tmp_path):
    # 0.05‰ × ¥200,000 = ¥10.00, the contract says ¥100.00: a warning naming line and column; the check still passes
    p, line = bad_copy(tmp_path, "= 0.05% of price stated ¥100.00", "= 0.05‰ of price stated ¥100.00")
    r = cli("check", p)
    out = r.stdout + r.stderr
    assert r.returncode == 0 and "检查通过" in out
    assert f"{p}:{line}:56" in out and "stated_amount_mismatch" in out and "¥100.00" in out and "¥10.00" in out


# ---------------------------------------------------------------- 3.2 / 7.1 payments

def test_passing_first_payment_three_days_from_signing(rules):
    # Tue 02-03 → 02-04, 02-05, Fri 02-06 → 02-07T00:00; paid 02-06 18:00
    rep = rules.evaluate([S, paid("p", "2026-02-06T18:00:00", 1, "60000.00")], "2026-02-10")
    o = ob(rep, "pay_1")
    assert o["due"] == "2026-02-07T00:00:00+08:00" and o["status"] == "fulfilled"
    assert rems(rep, "late_1") == []


def test_passing_first_payment_moved_past_spring_festival(rules):
    # Thu 02-12 → 02-13, 02-14, Sun 02-15 (holiday) → Tue 02-24 → 02-25T00:00; paid 02-24 17:00 in time
    rep = rules.evaluate([F("s", "contract_signed", "2026-02-12T10:00:00"),
                          paid("p", "2026-02-24T17:00:00", 1, "60000.00")], "2026-02-27")
    o = ob(rep, "pay_1")
    assert o["due"] == "2026-02-25T00:00:00+08:00" and o["status"] == "fulfilled"


def test_passing_first_payment_one_day_late_after_festival(rules):
    # due 02-25T00:00, paid 02-25 09:00 → 1 day × 0.05% × ¥60,000 = ¥30.00
    rep = rules.evaluate([F("s", "contract_signed", "2026-02-12T10:00:00"),
                          paid("p", "2026-02-25T09:00:00", 1, "60000.00")], "2026-02-27")
    assert ob(rep, "pay_1")["status"] == "violated"
    r = rem(rep, "late_1")
    assert r["holder"] == "乙方" and r["amount"] == "30.00"


def test_passing_hydro_payment_three_days_late(rules):
    # 02-13 16:00 → 02-16 holiday → 02-24 → due 02-25T00:00; paid 02-27 10:00: 3 × ¥40 = ¥120.00
    rep = rules.evaluate([S, paid("p1", "2026-02-06T18:00:00", 1, "60000.00"),
                          F("h", "hydro_accepted", "2026-02-13T16:00:00"),
                          paid("p2", "2026-02-27T10:00:00", 2, "80000.00")], "2026-03-01")
    o = ob(rep, "pay_2")
    assert o["due"] == "2026-02-25T00:00:00+08:00" and o["status"] == "violated"
    assert rem(rep, "late_2")["amount"] == "120.00"


def test_passing_hydro_payment_in_parts_recomputed_daily(rules):
    # 02-25 ¥40 + 02-26 ¥40 (payment day at the old balance) + 02-27 ¥20 + 02-28 ¥20 = ¥120.00
    rep = rules.evaluate([S, F("h", "hydro_accepted", "2026-02-13T16:00:00"),
                          paid("p2", "2026-02-26T10:00:00", 2, "40000.00"),
                          paid("p3", "2026-02-28T10:00:00", 2, "40000.00")], "2026-03-05")
    assert ob(rep, "pay_2")["status"] == "violated"
    assert rem(rep, "late_2")["amount"] == "120.00"


def test_passing_completion_payment_counts_make_up_saturday(rules):
    # Fri 05-08 → Sat 05-09 (make-up), Sun 05-10, Mon 05-11 → 05-12T00:00; unpaid at 05-12 12:00 → ¥25 (1 day)
    rep = rules.evaluate([S, ACC], "2026-05-12T12:00")
    o = ob(rep, "pay_3")
    assert o["due"] == "2026-05-12T00:00:00+08:00" and o["status"] == "violated"
    assert rem(rep, "late_3")["amount"] == "25.00"


def test_passing_retention_after_two_year_warranty_undetermined(rules):
    # warranty last day 2028-05-08; 7 days 05-09..05-15 in 2028, a year no calendar knows
    rep = rules.evaluate([S, ACC, paid("p3", "2026-05-09T10:00:00", 3, "50000.00")], "2028-05-20")
    we = events(rep, "warranty_end")
    assert len(we) == 1 and we[0]["at"] == "2028-05-09T00:00:00+08:00"
    o = ob(rep, "pay_4")
    assert o["status"] == "undetermined"
    assert "calendar_year_unknown" in [f["code"] for f in rep["findings"]]


def test_passing_retention_paid_early_is_fulfilled_whatever_2028(rules):
    rep = rules.evaluate([S, ACC, paid("p4", "2028-05-10T10:00:00", 4, "10000.00")], "2028-05-20")
    assert ob(rep, "pay_4")["status"] == "fulfilled"


# ---------------------------------------------------------------- 4 concealed works

WX = N("n1", "2026-02-09T10:00:00", "乙方", "甲方", "concealed", "wechat", part="卫生间给排水管")
POST = N("n1", "2026-02-09T10:00:00", "乙方", "甲方", "concealed", "registered_mail", part="卫生间防水层")


def test_passing_inspection_at_the_48th_hour_is_in_time(rules):
    # WeChat 02-09 10:00 → due 02-11 10:00 included (第1259条)
    rep = rules.evaluate([S, WX, F("i", "inspected", "2026-02-11T10:00:00", ref="n1")], "2026-02-12")
    o = ob(rep, "inspect_concealed")
    assert o["due"] == "2026-02-11T10:00:00+08:00" and o["due_included"] is True and o["status"] == "fulfilled"
    assert events(rep, "concealed_accepted") == []


def test_passing_no_inspection_deemed_accepted(rules):
    # 02-11 10:00:01 nothing → violated; deemed accepted at the end of the 48 hours
    rep = rules.evaluate([S, WX, F("i", "inspected", "2026-02-11T10:00:01", ref="n1")], "2026-02-12")
    assert ob(rep, "inspect_concealed")["status"] == "violated"
    ca = events(rep, "concealed_accepted")
    assert len(ca) == 1 and ca[0]["at"] == "2026-02-11T10:00:00+08:00"


def test_passing_registered_notice_deemed_on_day_five(rules):
    # posted Mon 02-09 → the 5th day after is Sat 02-14 (not moved); the 48 hours end 02-17T00:00 at the latest
    rep = rules.evaluate([S, POST], "2026-02-18")
    nd = events(rep, "notice_delivered")
    assert len(nd) == 1 and nd[0]["at"] == "2026-02-14T00:00:00+08:00"
    o = ob(rep, "inspect_concealed")
    assert o["due"] == "2026-02-17T00:00:00+08:00" and o["status"] == "violated"


# (was a strict xfail, user round 27; kept as the engine's reading by the developers, session of 2026-12-07 10:31–: a
# letter deemed received "on the 5th day" gives a day, not an hour — 48 hours from it end between 02-16 00:00 (had it
# come at that day's first instant) and 02-17 00:00 (at its last, the report's `due`); an inspection at 02-16 10:00 is in
# time for the later readings only.  第201条 counts hours from the instant, which the contract does not give: undetermined,
# as docs §undetermined say of a period of hours started by a fact of its day alone, never a guess at either end; a
# contract that means whole days says so in days: `within 2 days`.)
def test_passing_inspection_within_48h_of_a_deemed_day_is_undetermined(rules):
    rep = rules.evaluate([S, POST, F("i", "inspected", "2026-02-16T10:00:00", ref="n1")], "2026-02-18")
    o = ob(rep, "inspect_concealed")
    assert (o["status"], o["due"]) == ("undetermined", "2026-02-17T00:00:00+08:00")


def test_passing_inspection_while_letter_in_post_counts(rules):
    # posted 02-09, 甲方 inspects 02-12 (before the deemed delivery of 02-14) answering that notice → fulfilled
    # (`counting earlier since n.source_at`: an inspection before the letter was sent would not count)
    rep = rules.evaluate([S, POST, F("i", "inspected", "2026-02-12T10:00:00", ref="n1")], "2026-02-18")
    assert ob(rep, "inspect_concealed")["status"] == "fulfilled"
    assert events(rep, "concealed_accepted") == []


def test_passing_covering_without_notice_gives_uncovering(rules):
    # covered 02-08 (no notice) → one right; covered 02-12 after the WeChat notice of the same part → none
    rep = rules.evaluate([S, WX, F("c1", "covered", "2026-02-08T10:00:00", part="厨房电线管"),
                          F("c2", "covered", "2026-02-12T10:00:00", part="卫生间给排水管")], "2026-02-13")
    rows = rems(rep, "uncover")
    assert len(rows) == 1 and rows[0]["holder"] == "甲方" and rows[0]["status"] == "held"
    assert rows[0]["trigger"] == "c1" and rows[0]["since"] == "2026-02-08T10:00:00+08:00"


def test_passing_covering_before_deemed_delivery_gives_uncovering(rules):
    # posted 02-09, deemed delivered 02-14; covered 02-12 → the notice had not reached 甲方 → right held
    rep = rules.evaluate([S, POST, F("c", "covered", "2026-02-12T10:00:00", part="卫生间防水层")], "2026-02-13")
    assert len(rems(rep, "uncover")) == 1


# ---------------------------------------------------------------- 5 completion

def test_passing_completion_on_the_last_evening(rules):
    rep = rules.evaluate([S, F("x", "completion_applied", "2026-04-30T23:00:00")], "2026-05-10")
    o = ob(rep, "complete_works")
    assert o["due"] == "2026-05-01T00:00:00+08:00" and o["status"] == "fulfilled"


def test_passing_delay_runs_through_labour_day(rules):
    # 05-01..05-06 = 6 days × ¥100 = ¥600.00 (holidays not excluded, 2.2)
    rep = rules.evaluate([S, F("x", "completion_applied", "2026-05-06T10:00:00")], "2026-05-10")
    assert ob(rep, "complete_works")["status"] == "violated"
    r = rem(rep, "delay_damages")
    assert r["holder"] == "甲方" and r["amount"] == "600.00"


def test_passing_delay_below_and_at_the_cap(rules):
    # 07-15 12:00: 76 days = ¥7,600.00; 08-10 12:00: 102 days = ¥10,200 → capped ¥10,000.00
    assert rem(rules.evaluate([S], "2026-07-15T12:00"), "delay_damages")["amount"] == "7600.00"
    assert rem(rules.evaluate([S], "2026-08-10T12:00"), "delay_damages")["amount"] == "10000.00"


# ---------------------------------------------------------------- 6 leaks

def test_passing_leak_fixed_at_the_24th_hour(rules):
    rep = rules.evaluate([S, ACC, F("l", "leak_reported", "2026-06-10T21:00:00"),
                          F("x", "leak_fixed", "2026-06-11T21:00:00", ref="l")], "2026-06-12")
    o = ob(rep, "fix_leak")
    assert o["due"] == "2026-06-11T21:00:00+08:00" and o["status"] == "fulfilled"
    assert rems(rep, "self_repair") == []


def test_passing_leak_fixed_one_second_late(rules):
    rep = rules.evaluate([S, ACC, F("l", "leak_reported", "2026-06-10T21:00:00"),
                          F("x", "leak_fixed", "2026-06-11T21:00:01", ref="l")], "2026-06-12")
    assert ob(rep, "fix_leak")["status"] == "violated"
    assert rem(rep, "self_repair")["holder"] == "甲方"


# ---------------------------------------------------------------- 8.1 termination, 9.2 notices

DEMAND_POST = N("d1", "2026-05-08T10:00:00", "甲方", "乙方", "cure_demand", "registered_mail")
END_WX = N("t1", "2026-06-01T10:00:00", "甲方", "乙方", "termination", "wechat")


def test_passing_owner_power_after_posted_demand(rules):
    # delivered Wed 05-13; 05-14..Thu 05-28 → power at 05-29T00:00, not before
    assert rems(rules.evaluate([S, DEMAND_POST], "2026-05-28T23:00"), "owner_terminate") == []
    r = rem(rules.evaluate([S, DEMAND_POST], "2026-05-29"), "owner_terminate")
    assert r["status"] == "held" and r["holder"] == "甲方"


def test_passing_owner_terminates_and_delay_stops(rules):
    rep = rules.evaluate([S, DEMAND_POST, END_WX], "2026-06-05")
    life = rep["contract_life"]
    assert life["ended"] == "2026-06-01T10:00:00+08:00" and life["ended_by"] == "by_owner"
    assert rem(rep, "owner_terminate")["status"] == "exercised"
    assert rem(rep, "delay_damages")["amount"] == "3200.00"               # 05-01..06-01 = 32 days
    assert ob(rep, "complete_works")["status"] == "violated"              # a breach stays a breach


def test_passing_wechat_demand_period_moved_off_saturday(rules):
    # WeChat 05-08 10:00: 05-09..Sat 05-23 → Mon 05-25 → power at 05-26T00:00
    lines = [S, N("d1", "2026-05-08T10:00:00", "甲方", "乙方", "cure_demand", "wechat")]
    assert rems(rules.evaluate(lines, "2026-05-25T23:59:59"), "owner_terminate") == []
    assert rem(rules.evaluate(lines, "2026-05-26"), "owner_terminate")["status"] == "held"


def test_passing_cured_breach_gives_no_power(rules):
    lines = [S, N("d1", "2026-05-08T10:00:00", "甲方", "乙方", "cure_demand", "wechat"),
             F("k", "breach_cured", "2026-05-20T10:00:00", ref="d1"), END_WX]
    rep = rules.evaluate(lines, "2026-06-05")
    assert rems(rep, "owner_terminate") == []
    assert rep["contract_life"]["ended"] is None
    assert "termination_without_right" in [f["code"] for f in rep["findings"]]


def test_passing_early_termination_notice_has_no_effect(rules):
    # notice of 05-28 10:00 comes before the power (05-29T00:00)
    rep = rules.evaluate([S, DEMAND_POST, N("t1", "2026-05-28T10:00:00", "甲方", "乙方", "termination", "wechat")],
                         "2026-06-02")
    assert rep["contract_life"]["ended"] is None
    assert "termination_without_right" in [f["code"] for f in rep["findings"]]
    assert rem(rep, "owner_terminate")["status"] == "held"                # the power arises later and stays


def test_passing_contractor_power_for_late_hydro_payment(rules):
    # pay_2 violated 02-25T00:00; 乙方's WeChat 催告 Mon 03-02 10:00: 03-03..Tue 03-17 → power at 03-18T00:00
    lines = [S, F("h", "hydro_accepted", "2026-02-13T16:00:00"),
             N("d2", "2026-03-02T10:00:00", "乙方", "甲方", "cure_demand", "wechat")]
    assert rems(rules.evaluate(lines, "2026-03-17T23:00"), "contractor_terminate") == []
    r = rem(rules.evaluate(lines, "2026-03-18"), "contractor_terminate")
    assert r["holder"] == "乙方" and r["status"] == "held"


def test_passing_demand_without_breach_gives_no_power(rules):
    # 乙方's 催告 on 02-20 while nothing of 甲方 is violated (pay_1 paid) → no power ever
    lines = [S, paid("p", "2026-02-06T18:00:00", 1, "60000.00"),
             N("d2", "2026-02-20T10:00:00", "乙方", "甲方", "cure_demand", "wechat")]
    assert rems(rules.evaluate(lines, "2026-03-20"), "contractor_terminate") == []


def test_passing_contractor_terminates_damages_to_the_end_day(rules):
    # 乙方 terminates by WeChat 03-20 10:00 (power held since 03-18): pay_1 unpaid since 02-07 → 02-07..03-20 = 22 + 20
    # = 42 days × ¥30 = ¥1,260.00; pay_2 since 02-25 → 4 + 20 = 24 days × ¥40 = ¥960.00; completion discharged
    lines = [S, F("h", "hydro_accepted", "2026-02-13T16:00:00"),
             N("d2", "2026-03-02T10:00:00", "乙方", "甲方", "cure_demand", "wechat"),
             N("t2", "2026-03-20T10:00:00", "乙方", "甲方", "termination", "wechat")]
    rep = rules.evaluate(lines, "2026-04-01")
    assert rep["contract_life"]["ended"] == "2026-03-20T10:00:00+08:00"
    assert rem(rep, "contractor_terminate")["status"] == "exercised"
    assert rem(rep, "late_1")["amount"] == "1260.00" and rem(rep, "late_2")["amount"] == "960.00"
    assert ob(rep, "complete_works")["status"] == "discharged"


def test_passing_leak_on_last_warranty_day_and_after(rules):
    # warranty ends 2028-05-08 24时: a leak reported 05-08 22:00 is owed (due 05-09 22:00); one of 05-10 is not
    rep = rules.evaluate([S, ACC, F("l", "leak_reported", "2028-05-08T22:00:00")], "2028-05-12")
    o = ob(rep, "fix_leak")
    assert o["due"] == "2028-05-09T22:00:00+08:00" and o["status"] == "violated"
    assert obs(rules.evaluate([S, ACC, F("l", "leak_reported", "2028-05-10T10:00:00")], "2028-05-12"), "fix_leak") == []


def test_passing_verify_catches_a_wrong_finish_date(tmp_path):
    p, line = bad_copy(tmp_path, '= 2026-04-30', '= 2026-04-29')
    r = cli("check", p)
    out = r.stdout + r.stderr
    assert r.returncode == 0 and "contract_inconsistency" in out and "第 2.1 条" in out
    assert "2026-04-30" in out and "竣工日期 = 2026-04-29" in out  # (each side by its label: user round 28)


def test_passing_fact_without_required_part_names_line(tmp_path):
    f = tmp_path / "f.jsonl"
    f.write_text("\n".join([S, N("n1", "2026-02-09T10:00:00", "乙方", "甲方", "concealed", "wechat")]) + "\n",
                 encoding="utf-8")
    r = cli("eval", RULES, "--facts", f, "--as-of", "2026-02-10")
    out = r.stdout + r.stderr
    assert r.returncode == 1 and f"{f}:2:" in out and "missing_attribute" in out and "“part”" in out


def test_passing_fact_method_in_chinese_lists_values(tmp_path):
    f = tmp_path / "f.jsonl"
    f.write_text("\n".join([S, N("n1", "2026-02-09T10:00:00", "乙方", "甲方", "other", "微信")]) + "\n",
                 encoding="utf-8")
    r = cli("eval", RULES, "--facts", f, "--as-of", "2026-02-10")
    out = r.stdout + r.stderr
    assert r.returncode == 1 and f"{f}:2:" in out and "bad_attribute" in out
    assert "“wechat”、“registered_mail”" in out and "Traceback" not in out


# FIXED (was a strict xfail: fixed in the session of 2026-12-07 (10:31–): a text that begins, or is begun by, the label of exactly one value is offered it (AttrType.labelled))
def test_xfail_fact_method_word_suggests_the_labelled_value(tmp_path):
    f = tmp_path / "f.jsonl"
    f.write_text("\n".join([S, N("n1", "2026-02-09T10:00:00", "乙方", "甲方", "other", "微信")]) + "\n",
                 encoding="utf-8")
    r = cli("eval", RULES, "--facts", f, "--as-of", "2026-02-10")
    assert "是否想写：wechat" in r.stdout + r.stderr


def test_passing_text_report_is_chinese(tmp_path):
    f = tmp_path / "f.jsonl"
    f.write_text("\n".join([S, DEMAND_POST, END_WX]) + "\n", encoding="utf-8")
    r = cli("eval", RULES, "--facts", f, "--as-of", "2026-06-05", "--format", "text")
    assert r.returncode == 0, r.stderr
    out = r.stdout
    assert "Traceback" not in out and "逾期竣工违约金" in out and "甲方解除合同" in out and "2026年6月1日10时" in out
