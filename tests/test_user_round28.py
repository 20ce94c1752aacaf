"""A fresh user, round 28 (user28): a paralegal at a property agency, who has never seen qiyue's code, writes a
存量房（二手房）买卖合同 from README.md and docs/language(.en).md alone — `tests/contracts/resale_house.txt` and its rules
`tests/contracts/resale_house.qy`.  Signed Sun 2026-09-20 10:00 (a make-up working day for National Day).  Price
¥3,000,000.00; 定金 ¥100,000.00 within 1 day (3.1; 第586–587条, the excess over 20% of the price is not 定金: 3.3);
loan application within 7 working days (4.1); the seller clears the mortgage within 30 days (4.2); 过户 within 5 working
days of the loan approval (5.1); the buyer pays the rest of the down payment (¥800,000.00) within 3 days of 过户 (5.2),
0.05% a day of what is unpaid (7); handover within 3 days of 过户 (6.1), 0.05% of the price a day (¥1,500.00), capped at
5% (¥150,000.00) (6.2); either party may terminate when the other is still in default more than 30 days after a written
demand (8.1); 定金 kept / returned double on that termination (8.2, 第588条: double 定金 or 6.2's damages, not both);
WeChat delivered on sending, EMS on the 3rd day after posting, not moved (9.2).

Hand counts (民法典 第201–204条、第1259条; every day relied on is checked in test_passing_calendar_days_relied_on):
- Calendar: Fri 09-25 – Sun 09-27 中秋 (rest); Thu 10-01 – Wed 10-07 国庆 (rest); Sun 09-20 and Sat 10-10 make-up working
  days; Sat 10-31 rest.
- 3.1 定金, signed 09-20 10:00: 1 day → last day Mon 09-21 → due 09-21 24时 = 09-22T00:00.
- 4.1 loan application, 7 working days from 09-20: 09-21 (1), 09-22 (2), 09-23 (3), 09-24 (4), [09-25..27 中秋], 09-28 (5),
  09-29 (6), 09-30 (7) → due 09-30 24时 = 10-01T00:00 (7 calendar days would have been 09-27).
- 4.2 mortgage, 30 days from 09-20 → Tue 10-20 (working day) → due 10-21T00:00.
- 5.1 过户: approved Tue 09-29 10:00 → 09-30 (1), [10-01..07], 10-08 (2), 10-09 (3), Sat 10-10 make-up (4), 10-12 (5) →
  due 10-13T00:00.  Approved Wed 09-30 15:00 → 10-08, 10-09, 10-10, 10-12, 10-13 → due 10-14T00:00.
- 5.2 / 6.1, 过户 Mon 10-12 10:00: 3 days → 10-13, 10-14, 10-15 → due 10-16T00:00.  过户 Wed 10-28: 10-29, 10-30,
  Sat 10-31 (rest) → moved to Mon 11-02 (第203条) → due 11-03T00:00.
- 6.2, due 10-16T00:00, handed over 10-20 10:00: days begun 10-16, 17, 18, 19, 20 = 5 × ¥1,500.00 = ¥7,500.00.  Never
  handed over: at 2027-01-22 12:00, 16 (Oct) + 30 + 31 + 22 = 99 days = ¥148,500.00; at 2027-01-24 12:00, 101 days =
  ¥151,500.00 → capped at ¥150,000.00.
- 7, due 10-16T00:00; ¥500,000.00 paid 10-18 10:00, ¥300,000.00 paid 10-22 10:00 (recomputed daily; the payment day still
  at the balance before it): 10-16, 17, 18 at ¥800,000.00 × 0.05% = ¥400.00 → ¥1,200.00; 10-19, 20, 21, 22 at ¥300,000.00 →
  ¥150.00 × 4 = ¥600.00; total ¥1,800.00.
- 8.1, seller's demand by EMS posted Tue 10-20 → deemed Fri 10-23 00:00 (day 3: 10-21 = 1, 10-22 = 2, 10-23 = 3); 30 days
  (a term, not moved) from 10-24 → 11-22 24时; still unpaid → the power from 11-23T00:00.  Buyer's WeChat demand 10-20
  10:00 → 30 days from 10-21 → 11-19 24时 → the power from 11-20T00:00.
- 8.2: seller terminates 11-24 10:00 → keeps ¥100,000.00; 7's damages run to the day of termination: 10-16..11-24 = 16 +
  24 = 40 days × ¥400.00 = ¥16,000.00.  Buyer terminates 11-21 10:00 → double ¥200,000.00; 6.2's damages 10-16..11-21 =
  37 days × ¥1,500.00 = ¥55,500.00, the one the buyer may claim instead (第588条).  Deposit paid short (¥60,000.00): the
  定金 is what was delivered (第586条第2款) → kept ¥60,000.00.  Variant with 定金 ¥700,000.00 (23⅓% of the price): only
  20% = ¥600,000.00 is 定金 → double ¥1,200,000.00.
- 9.2: EMS posted Thu 10-01 (holiday) → deemed Sun 10-04 00:00, not moved to a working day.

Notes — where the docs were unclear, or I had to guess:
- "经书面催告后逾期超过30日": I could not find an example of "30 days after a demand, unless performed" on a stage
  event.  I wrote the power as `for each notice_delivered n where … and exists(X.violated o) and not
  exists(X.performed_late y) unless X.performed_late y within demand_period as term` (§5 `unless … within`).  The docs
  do not say whether `unless`'s period runs from the demand's delivery (the only `for each` source) — it does, as I
  counted.  From when the 30 days run is open in the contract itself, so it is an assumption (`demand_period`, with its
  reason; `check` lists it as the one open_point; the powers name it; `assume={"demand_period": "15 days"}` moves them).
  `within ASSUMPTION as term` was accepted though §4.5 shows only `within payment_term` without `as term`.
- Whether per-day damages go on after a termination: §3.4's last sentence ("不按日计算存续的按日违约金，计至合同终止之日为止")
  is the only place that says it.  I dropped `survives` from 6.2 and 7 to stop them on the day of termination (after it
  there is no duty to hand over); the engine counts the termination day itself as begun, as I did.
- 第586条第2款's 20% cap: written twice — `verify deposit <= 20% of price` (a finding on the contract's own numbers) and
  `min(sum(paid), 20% of price)` in the 定金 amount (the deposit actually delivered is the 定金, also 第586条).  No doc
  example for 定金; I guessed a `param` may read facts (`sum(… for each deposit_paid d)`): accepted.
- 第588条 "定金或者违约金": `alternative to handover_late` (§5) — both rows stay "held", each naming the other.
- Both parties in default (通则解释 第68条第1款: no 定金罚则): not in the docs' examples; I wrote it as a `where` on the
  定金 remedies reading the other side's stage events (`not (exists(pay_balance.violated o) and not
  exists(pay_balance.performed_late y))`) — accepted, and counted as I expected.
- 5.1 is a joint duty ("双方共同申请"); an obligation has one debtor, so I made 甲方 the debtor and left a note.
- The report instant 00:00 of a day counts that day as begun for per-day damages; I kept every as_of off midnight.
Error messages (tested below): a misspelt keyword (`obligaton`), a wrong unit (`workdays`, `个工做日`), an unknown rule
(`pay_balanse`, `buyer_powr`) — each names file:line:column with `是否想写`.  Amounts: `100,000` (no ¥) gets the right
hint (`金额前加 ¥，写作 ¥100,000.00`); `壹拾万元整` as a value gets the right hint but also a misleading second error on
the `verify` line (xfail); `10万元` / `¥10万` get only a generic "写“+ 或 -”或“.”" hint (xfail).  `¥100,000` (no fen),
`壹拾万圆整`, `人民币壹拾万元整`, `拾万元整` as 大写 are all read right; `words "10万元"` warns `amount_words_unreadable`.
`verify deposit <= 20% of price` failing (定金 ¥700,000.00) says “（deposit = ¥700,000.00，而 ¥600,000.00）”: the rule
name, not the label 定金, and the ¥600,000.00 unnamed (xfail).  A mismatched 大写 is only a warning (rc 0), as documented.
Facts: `"100,000.00"` and `"¥100,000.00"` read as ¥100,000.00; `"壹拾万元整"` is refused with `是否想写 "100000.00"`, but
`"10万元"` is refused without that suggestion (xfail).
"""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
RULES = ROOT / "tests" / "contracts" / "resale_house.qy"
TEXT = ROOT / "tests" / "contracts" / "resale_house.txt"


def cli(*args):
    env = dict(os.environ, QIYUE_NATIVE="off")
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    return subprocess.run([sys.executable, "-m", "engine.cli", *map(str, args)], capture_output=True, text=True,
                          cwd=ROOT, env=env)


def F(fid, typ, at, **attrs):
    if len(at) > 10:
        at += "+08:00"
    return json.dumps({"id": fid, "type": typ, "at": at, **attrs}, ensure_ascii=False)


def N(fid, at, frm, subject, method):
    return F(fid, "notice_sent", at, **{"from": frm, "to": "乙方" if frm == "甲方" else "甲方", "subject": subject,
                                        "method": method})


SIGNED = F("s", "contract_signed", "2026-09-20T10:00:00")
DEPOSIT = F("d", "deposit_paid", "2026-09-21T10:00:00", amount="100000.00")
# loan approved Tue 09-29, 过户 Mon 10-12 10:00: 5.2 and 6.1 both due 10-16T00:00
MAIN = [SIGNED, DEPOSIT, F("a", "loan_approved", "2026-09-29T10:00:00"),
        F("t", "transfer_registered", "2026-10-12T10:00:00")]
PAID_ON_TIME = F("p", "balance_paid", "2026-10-13T10:00:00", amount="800000.00")
HANDED_ON_TIME = F("h", "handed_over", "2026-10-14T10:00:00")


@pytest.fixture(scope="module")
def rules():
    from engine.api import compile_file
    return compile_file(RULES)


def ob(rep, name):
    return next(o for o in rep["obligations"] if o["name"] == name and o["status"] != "inactive")


def rems(rep, name):
    return [r for r in rep["remedies"] if r["name"] == name]


def rem(rep, name):
    rows = rems(rep, name)
    assert len(rows) == 1, (name, rows)
    return rows[0]


def codes(rep):
    return [f["code"] for f in rep.get("findings", [])]


def variant(old, new):
    src = RULES.read_text(encoding="utf-8")
    assert src.count(old) == 1, old
    return src.replace(old, new), src[:src.index(old)].count("\n") + 1


_CHECKED = {}


def check_variant(tmp_path, old, new):
    """`python -m engine.cli check` on the rules with one edit (each edit checked once per run)."""
    if (old, new) not in _CHECKED:
        text, line = variant(old, new)
        p = tmp_path / "bad.qy"
        p.write_text(text, encoding="utf-8")
        r = cli("check", p)
        r.stdout = r.stdout + r.stderr          # errors (exit 1) are written to standard error
        _CHECKED[old, new] = r, line, p
    return _CHECKED[old, new]


# ---------------------------------------------------------------- guards

def test_passing_calendar_days_relied_on():
    import chinese_calendar as cc
    from datetime import date
    work = ["2026-09-20", "2026-09-21", "2026-09-22", "2026-09-23", "2026-09-24", "2026-09-28", "2026-09-29",
            "2026-09-30", "2026-10-08", "2026-10-09", "2026-10-10", "2026-10-12", "2026-10-13", "2026-10-20",
            "2026-11-02"]
    rest = ["2026-09-25", "2026-09-26", "2026-09-27"] + [f"2026-10-0{d}" for d in range(1, 8)] + ["2026-10-11",
                                                                                               "2026-10-31"]
    assert all(cc.is_workday(date.fromisoformat(d)) for d in work)
    assert not any(cc.is_workday(date.fromisoformat(d)) for d in rest)
    assert date(2026, 9, 20).weekday() == 6 and date(2026, 10, 10).weekday() == 5      # make-up Sun, Sat


def test_passing_rules_check_clean_with_cli():
    r = cli("check", RULES)
    assert r.returncode == 0, r.stdout + r.stderr
    assert "检查通过" in r.stdout and "义务 6 项，救济 6 项，视为事件 1 项；提示 1 条" in r.stdout
    assert "说明[open_point]" in r.stdout and "催告后的宽限期（demand_period）" in r.stdout   # the one assumption
    assert "甲方应于转移登记完成之日起3日内将房屋交付乙方" in TEXT.read_text(encoding="utf-8")


# ---------------------------------------------------------------- 3.1 定金, 4.1 loan, 4.2 mortgage

@pytest.mark.parametrize("paid_at, status", [("2026-09-21T23:59:59", "fulfilled"), ("2026-09-22T00:00:00", "violated")])
def test_passing_deposit_due_monday_24h(rules, paid_at, status):
    # signed Sun 09-20 10:00; 1 day → Mon 09-21 → due 09-22T00:00; 00:00 of 09-22 is already late (第203条第2款)
    rep = rules.evaluate([SIGNED, F("d", "deposit_paid", paid_at, amount="100000.00")], "2026-09-23T12:00:00")
    o = ob(rep, "pay_deposit")
    assert o["due"] == "2026-09-22T00:00:00+08:00"
    assert o["status"] == status


@pytest.mark.parametrize("applied_at, status", [
    ("2026-09-30T23:00:00", "fulfilled"),     # 7th working day, before 24时
    ("2026-09-28T09:00:00", "fulfilled"),     # the first day after 中秋
    ("2026-10-08T09:00:00", "violated"),      # first working day after 国庆: late
])
def test_passing_loan_application_seven_working_days_across_mid_autumn(rules, applied_at, status):
    # 09-21, 22, 23, 24, [25–27 中秋], 28, 29, 30 → due 10-01T00:00
    rep = rules.evaluate([SIGNED, DEPOSIT, F("l", "loan_applied", applied_at)], "2026-10-09T12:00:00")
    o = ob(rep, "apply_loan")
    assert o["due"] == "2026-10-01T00:00:00+08:00"
    assert o["status"] == status


def test_passing_mortgage_thirty_days(rules):
    # 30 days from Sun 09-20 → Tue 10-20 (working day, not moved) → due 10-21T00:00
    rep = rules.evaluate([SIGNED, DEPOSIT, F("m", "mortgage_cleared", "2026-10-20T16:00:00")], "2026-10-22T12:00:00")
    o = ob(rep, "clear_mortgage")
    assert (o["due"], o["status"]) == ("2026-10-21T00:00:00+08:00", "fulfilled")
    rep = rules.evaluate([SIGNED, DEPOSIT], "2026-10-22T12:00:00")
    assert ob(rep, "clear_mortgage")["status"] == "violated"


# ---------------------------------------------------------------- 5.1 过户, 6.1 handover

@pytest.mark.parametrize("approved, due", [
    ("2026-09-29T10:00:00", "2026-10-13T00:00:00+08:00"),   # 09-30, 10-08, 10-09, Sat 10-10 (make-up), 10-12
    ("2026-09-30T15:00:00", "2026-10-14T00:00:00+08:00"),   # 10-08, 10-09, 10-10, 10-12, 10-13
])
def test_passing_transfer_five_working_days_over_national_day(rules, approved, due):
    rep = rules.evaluate([SIGNED, DEPOSIT, F("a", "loan_approved", approved)], "2026-10-20T12:00:00")
    o = ob(rep, "transfer")
    assert (o["due"], o["status"]) == (due, "violated")


def test_passing_transfer_on_the_make_up_day_counts(rules):
    # approved 09-29: registering on Mon 10-12 (5th working day) is on time, on Tue 10-13 late
    base = [SIGNED, DEPOSIT, F("a", "loan_approved", "2026-09-29T10:00:00")]
    assert ob(rules.evaluate(base + [F("t", "transfer_registered", "2026-10-12T16:00:00")], "2026-10-14"),
              "transfer")["status"] == "fulfilled"
    assert ob(rules.evaluate(base + [F("t", "transfer_registered", "2026-10-13T09:00:00")], "2026-10-14"),
              "transfer")["status"] == "violated"


def test_passing_handover_moved_off_saturday(rules):
    # 过户 Wed 10-28: 10-29, 10-30, Sat 10-31 (rest) → Mon 11-02 (第203条) → due 11-03T00:00
    rep = rules.evaluate([SIGNED, DEPOSIT, F("a", "loan_approved", "2026-10-20T10:00:00"),
                          F("t", "transfer_registered", "2026-10-28T15:00:00"),
                          F("h", "handed_over", "2026-11-02T18:00:00")], "2026-11-04T12:00:00")
    o = ob(rep, "handover")
    assert (o["due"], o["status"]) == ("2026-11-03T00:00:00+08:00", "fulfilled")
    assert ob(rep, "pay_balance")["due"] == "2026-11-03T00:00:00+08:00"


# ---------------------------------------------------------------- 6.2 and 7: damages

def test_passing_handover_late_five_days(rules):
    # due 10-16T00:00; handed over 10-20 10:00: 10-16..10-20 = 5 × ¥1,500.00
    rep = rules.evaluate(MAIN + [PAID_ON_TIME, F("h", "handed_over", "2026-10-20T10:00:00")], "2026-10-25T12:00:00")
    assert ob(rep, "handover")["status"] == "violated"
    r = rem(rep, "handover_late")
    assert (r["holder"], r["amount"], r["since"]) == ("乙方", "7500.00", "2026-10-16T00:00:00+08:00")
    assert rems(rep, "balance_late") == []


@pytest.mark.parametrize("as_of, amount", [("2027-01-22T12:00:00", "148500.00"),   # 99 days
                                           ("2027-01-24T12:00:00", "150000.00")])  # 101 days → 5% cap
def test_passing_handover_late_capped_at_five_percent(rules, as_of, amount):
    rep = rules.evaluate(MAIN + [PAID_ON_TIME], as_of)
    assert rem(rep, "handover_late")["amount"] == amount


def test_passing_balance_late_recomputed_on_what_is_unpaid(rules):
    # 10-16..18 at ¥400.00, 10-19..22 at ¥150.00 → ¥1,800.00
    rep = rules.evaluate(MAIN + [HANDED_ON_TIME, F("p1", "balance_paid", "2026-10-18T10:00:00", amount="500000.00"),
                                 F("p2", "balance_paid", "2026-10-22T10:00:00", amount="300000.00")],
                         "2026-10-30T12:00:00")
    o = ob(rep, "pay_balance")
    assert (o["due"], o["status"]) == ("2026-10-16T00:00:00+08:00", "violated")
    r = rem(rep, "balance_late")
    assert (r["holder"], r["amount"]) == ("甲方", "1800.00")


def test_passing_on_time_performance_gives_no_remedy(rules):
    rep = rules.evaluate(MAIN + [PAID_ON_TIME, HANDED_ON_TIME, F("l", "loan_applied", "2026-09-23T10:00:00"),
                                 F("m", "mortgage_cleared", "2026-10-09T10:00:00")], "2026-12-01T12:00:00")
    assert {o["name"]: o["status"] for o in rep["obligations"]} == {
        "pay_deposit": "fulfilled", "apply_loan": "fulfilled", "clear_mortgage": "fulfilled",
        "transfer": "fulfilled", "pay_balance": "fulfilled", "handover": "fulfilled"}
    assert rep["remedies"] == []


# ---------------------------------------------------------------- 8.1 / 8.2: demand, termination, 定金

SELLER_DEMAND = MAIN + [HANDED_ON_TIME, N("n1", "2026-10-20T10:00:00", "甲方", "demand", "ems")]   # deemed 10-23 00:00
BUYER_DEMAND = MAIN + [PAID_ON_TIME, N("n1", "2026-10-20T10:00:00", "乙方", "demand", "wechat")]   # delivered at once


def test_passing_seller_power_after_thirty_days_from_ems_delivery(rules):
    rep = rules.evaluate(SELLER_DEMAND, "2026-11-22T23:59:00")
    assert rems(rep, "seller_power") == []
    rep = rules.evaluate(SELLER_DEMAND, "2026-11-23T12:00:00")
    r = rem(rep, "seller_power")
    assert (r["holder"], r["status"], r["since"]) == ("甲方", "held", "2026-11-23T00:00:00+08:00")
    assert r["assumptions"] == ["demand_period"]
    ev = next(e for e in rep["events"] if e["name"] == "notice_delivered")
    assert ev["at"] == "2026-10-23T00:00:00+08:00"


def test_passing_what_if_fifteen_days_after_the_demand():
    # --assume demand_period="15 days": EMS deemed 10-23 → 15 days from 10-24 → 11-07 24时 → the power from 11-08T00:00
    from engine.api import compile_file
    rules15 = compile_file(RULES, assume={"demand_period": "15 days"})
    rep = rules15.evaluate(SELLER_DEMAND, "2026-11-08T12:00:00")
    assert rem(rep, "seller_power")["since"] == "2026-11-08T00:00:00+08:00"
    assert "demand_period" in json.dumps(rep["assumptions_overridden"], ensure_ascii=False)


def test_passing_seller_termination_before_the_power_has_no_effect(rules):
    rep = rules.evaluate(SELLER_DEMAND + [N("n2", "2026-11-20T10:00:00", "甲方", "termination", "wechat")],
                         "2026-11-21T12:00:00")
    assert rep["contract_life"]["ended"] is None
    assert "termination_without_right" in codes(rep)
    assert rems(rep, "keep_deposit") == []


def test_passing_seller_terminates_and_keeps_the_deposit(rules):
    rep = rules.evaluate(SELLER_DEMAND + [N("n2", "2026-11-24T10:00:00", "甲方", "termination", "wechat")],
                         "2026-12-05T12:00:00")
    life = rep["contract_life"]
    assert (life["ended"], life["ended_by"]) == ("2026-11-24T10:00:00+08:00", "seller_terminates")
    assert rem(rep, "seller_power")["status"] == "exercised"
    k = rem(rep, "keep_deposit")
    assert (k["holder"], k["amount"]) == ("甲方", "100000.00")
    # 7's damages stop on the day of termination: 10-16..11-24 = 40 × ¥400.00
    assert rem(rep, "balance_late")["amount"] == "16000.00"


def test_passing_payment_within_thirty_days_of_demand_bars_termination(rules):
    # paid in full 11-10 (late, but within 30 days after the demand's delivery on 10-23) → no power
    rep = rules.evaluate(SELLER_DEMAND + [F("p", "balance_paid", "2026-11-10T10:00:00", amount="800000.00"),
                                          N("n2", "2026-11-24T10:00:00", "甲方", "termination", "wechat")],
                         "2026-12-05T12:00:00")
    assert rems(rep, "seller_power") == []
    assert rep["contract_life"]["ended"] is None and "termination_without_right" in codes(rep)
    # 7's damages 10-16..11-10 = 16 + 10 = 26 × ¥400.00
    assert rem(rep, "balance_late")["amount"] == "10400.00"


def test_passing_buyer_terminates_double_deposit_or_damages(rules):
    rep = rules.evaluate(BUYER_DEMAND, "2026-11-19T23:00:00")
    assert rems(rep, "buyer_power") == []
    rep = rules.evaluate(BUYER_DEMAND + [N("n2", "2026-11-21T10:00:00", "乙方", "termination", "wechat")],
                         "2026-12-05T12:00:00")
    assert rep["contract_life"]["ended_by"] == "buyer_terminates"
    assert rem(rep, "buyer_power")["since"] == "2026-11-20T00:00:00+08:00"
    dd = rem(rep, "double_deposit")
    assert (dd["holder"], dd["amount"], dd["alternatives"]) == ("乙方", "200000.00", ["handover_late"])
    hl = rem(rep, "handover_late")
    assert (hl["amount"], hl["alternatives"]) == ("55500.00", ["double_deposit"])   # 37 days


def test_passing_both_in_default_no_deposit_penalty(rules):
    # neither pays (5.2) nor hands over (6.1); both demand by WeChat 10-20; the buyer terminates 11-21 10:00.
    # Both have a breach defeating the contract's purpose → no 定金罚则 either way (通则解释 第68条第1款);
    # 7: 10-16..11-21 = 37 × ¥400.00 = ¥14,800.00; 6.2: 37 × ¥1,500.00 = ¥55,500.00; the seller's power lapses.
    lines = MAIN + [N("n1", "2026-10-20T10:00:00", "乙方", "demand", "wechat"),
                    N("m1", "2026-10-20T11:00:00", "甲方", "demand", "wechat"),
                    N("n2", "2026-11-21T10:00:00", "乙方", "termination", "wechat")]
    rep = rules.evaluate(lines, "2026-12-05T12:00:00")
    assert rep["contract_life"]["ended_by"] == "buyer_terminates"
    assert rems(rep, "double_deposit") == [] and rems(rep, "keep_deposit") == []
    assert rem(rep, "seller_power")["status"] == "lapsed"
    assert (rem(rep, "balance_late")["amount"], rem(rep, "handover_late")["amount"]) == ("14800.00", "55500.00")


def test_passing_short_deposit_is_the_deposit_kept(rules):
    # only ¥60,000.00 delivered: 3.1 violated; the 定金 is what was delivered (第586条第2款) → seller keeps ¥60,000.00
    lines = [SIGNED, F("d", "deposit_paid", "2026-09-21T10:00:00", amount="60000.00")] + SELLER_DEMAND[2:] + [
        N("n2", "2026-11-24T10:00:00", "甲方", "termination", "wechat")]
    rep = rules.evaluate(lines, "2026-12-05T12:00:00")
    assert ob(rep, "pay_deposit")["status"] == "violated"
    assert rem(rep, "keep_deposit")["amount"] == "60000.00"


def test_passing_deposit_above_twenty_percent_is_not_deposit_for_the_excess(tmp_path):
    from engine.api import compile_rules
    text, line = variant('param deposit "定金" = ¥100,000.00 words "壹拾万元整"',
                         'param deposit "定金" = ¥700,000.00 words "柒拾万元整"')
    text = text.replace('stated ¥800,000.00 words "捌拾万元整"', 'stated ¥200,000.00 words "贰拾万元整"')
    p = tmp_path / "v.qy"
    p.write_text(text, encoding="utf-8")
    r = cli("check", p)
    assert r.returncode == 0
    assert "contract_inconsistency" in r.stdout and "¥600,000.00" in r.stdout      # 20% of ¥3,000,000.00
    rules = compile_rules(text)
    lines = [SIGNED, F("d", "deposit_paid", "2026-09-21T10:00:00", amount="700000.00")] + BUYER_DEMAND[2:] + [
        N("n2", "2026-11-21T10:00:00", "乙方", "termination", "wechat")]
    rep = rules.evaluate(lines, "2026-12-05T12:00:00")
    assert rem(rep, "double_deposit")["amount"] == "1200000.00"     # 2 × ¥600,000.00, not 2 × ¥700,000.00


def test_passing_text_report_names_the_choice_in_chinese(rules, tmp_path):
    p = tmp_path / "f.jsonl"
    p.write_text("\n".join(BUYER_DEMAND + [N("n2", "2026-11-21T10:00:00", "乙方", "termination", "wechat")]) + "\n",
                 encoding="utf-8")
    r = cli("eval", RULES, "--facts", p, "--as-of", "2026-12-05T12:00:00")
    assert r.returncode == 0, r.stderr
    assert "甲方双倍返还定金" in r.stdout and "¥200,000.00" in r.stdout and "择一" in r.stdout
    assert "Traceback" not in r.stdout + r.stderr


@pytest.mark.parametrize("demand", [
    N("n1", "2026-10-13T10:00:00", "乙方", "demand", "ems"),       # posted Tue 10-13 → deemed Fri 10-16 00:00
    N("n1", "2026-10-16T00:00:00", "乙方", "demand", "wechat"),    # delivered at 10-16 00:00
])
def test_passing_demand_arriving_at_the_first_instant_of_delay_counts(rules, demand):
    # the handover's violation is 10-15 24时, which comes before 10-16 0时 (§9): the demand is after the delay;
    # 30 days from 10-17 → 11-15 24时 → the power from 11-16T00:00
    rep = rules.evaluate(MAIN + [PAID_ON_TIME, demand], "2026-11-16T12:00:00")
    assert rem(rep, "buyer_power")["since"] == "2026-11-16T00:00:00+08:00"


def test_passing_demand_before_the_delay_gives_no_power(rules):
    # WeChat demand 10-15 23:59, before the handover is late (10-16 0时): not a 催告 of a delay (8.1), no power ever
    rep = rules.evaluate(MAIN + [PAID_ON_TIME, N("n1", "2026-10-15T23:59:00", "乙方", "demand", "wechat")],
                         "2026-12-20T12:00:00")
    assert rems(rep, "buyer_power") == []
    assert rem(rep, "handover_late")["amount"] == "99000.00"      # 10-16..12-20 = 16 + 30 + 20 = 66 days


def test_passing_reasons_list_the_holidays_and_make_up_day(rules):
    rep = rules.evaluate([SIGNED, DEPOSIT, F("a", "loan_approved", "2026-09-29T10:00:00")], "2026-10-14T12:00:00")
    loan = "\n".join(ob(rep, "apply_loan")["because"])
    assert "2026年9月25日（星期五，法定节假日（中秋节））" in loan and "第7日 2026年9月30日" in loan
    tr = "\n".join(ob(rep, "transfer")["because"])
    assert "第4日 2026年10月10日（星期六" in tr and "第5日 2026年10月12日" in tr


def test_passing_durable_backend_gives_the_same_reports(rules):
    pytest.importorskip("durable")
    for lines, as_of in [
            (SELLER_DEMAND + [N("n2", "2026-11-24T10:00:00", "甲方", "termination", "wechat")], "2026-12-05T12:00:00"),
            (BUYER_DEMAND + [N("n2", "2026-11-21T10:00:00", "乙方", "termination", "wechat")], "2026-12-05T12:00:00"),
            (MAIN + [HANDED_ON_TIME, F("p1", "balance_paid", "2026-10-18T10:00:00", amount="500000.00"),
                     F("p2", "balance_paid", "2026-10-22T10:00:00", amount="300000.00")], "2026-10-30T12:00:00")]:
        assert rules.evaluate(lines, as_of, backend="durable") == rules.evaluate(lines, as_of)


# ---------------------------------------------------------------- 9.2 notices

def test_passing_ems_deemed_day_not_moved_off_holiday(rules):
    rep = rules.evaluate([SIGNED, N("n", "2026-10-01T10:00:00", "甲方", "other", "ems"),
                          N("w", "2026-10-02T10:00:00", "甲方", "other", "wechat")], "2026-10-05T12:00:00")
    at = {e["source"]: e["at"] for e in rep["events"] if e["name"] == "notice_delivered"}
    assert at == {"n": "2026-10-04T00:00:00+08:00", "w": "2026-10-02T10:00:00+08:00"}


# ---------------------------------------------------------------- mistakes on purpose: rule file

def test_passing_misspelt_keyword(tmp_path):
    r, line, p = check_variant(tmp_path, "  obligation apply_loan", "  obligaton apply_loan")
    assert r.returncode == 1
    assert f"{p}:{line}:3:" in r.stdout and "syntax_error" in r.stdout
    assert "是否想写：obligation" in r.stdout


@pytest.mark.parametrize("unit, want", [("workdays", "working days"), ("个工做日", "个工作日")])
def test_passing_wrong_unit(tmp_path, unit, want):
    r, line, p = check_variant(tmp_path, "within 7 working days", f"within 7 {unit}")
    assert r.returncode == 1
    assert f"{p}:{line}:14:" in r.stdout and f"是否想写：{want}" in r.stdout


@pytest.mark.parametrize("old, new, code, want", [
    ("for each pay_balance.violated o", "for each pay_balanse.violated o", "unknown_obligation", "pay_balance"),
    ("exercises buyer_power held", "exercises buyer_powr held", "unknown_name", "buyer_power"),
])
def test_passing_reference_to_rule_that_does_not_exist(tmp_path, old, new, code, want):
    r, line, p = check_variant(tmp_path, old, new)
    assert r.returncode == 1
    assert re.search(rf"{re.escape(str(p))}:{line}:\d+: 错误\[{code}\]", r.stdout), r.stdout
    assert f"是否想写：{want}" in r.stdout


DEPOSIT_LINE = '= ¥100,000.00 words "壹拾万元整"'


def test_passing_amount_without_yuan_sign_gets_the_fix(tmp_path):
    r, line, p = check_variant(tmp_path, DEPOSIT_LINE, '= 100,000 words "壹拾万元整"')
    assert r.returncode == 1
    assert f"{p}:{line}:25:" in r.stdout and "金额前加 ¥，写作 ¥100,000.00" in r.stdout


def test_passing_capitals_as_value_get_the_fix(tmp_path):
    r, line, p = check_variant(tmp_path, DEPOSIT_LINE, '= 壹拾万元整')
    assert r.returncode == 1
    assert f"{p}:{line}:22:" in r.stdout and "¥100,000.00 大写 \"壹拾万元整\"" in r.stdout


# FIXED (was a strict xfail: fixed in the session of 2026-12-07 (14:36–): a verify reading a parameter whose own line is in error is not also not_constant (checker._reads_an_erred_param))
def test_capitals_as_value_give_one_error_only(tmp_path):
    r, line, p = check_variant(tmp_path, DEPOSIT_LINE, '= 壹拾万元整')
    assert r.stdout.count("错误[") == 1, r.stdout


# FIXED (was a strict xfail: fixed in the session of 2026-12-07 (14:36–): user round 28's message xfails: verify sides by label and a share as the contract writes it; 10万元 read as an amount meant (rule file hint and fact suggestion))
def test_verify_message_names_both_sides_by_label(tmp_path):
    r, line, p = check_variant(tmp_path, DEPOSIT_LINE, '= ¥700,000.00 words "柒拾万元整"')
    assert r.returncode == 0 and "contract_inconsistency" in r.stdout
    why = next(w for w in re.findall(r"经核对不成立（([^）]*)）", r.stdout) if "¥600,000.00" in w)
    assert "定金" in why and "成交价款" in why, why


@pytest.mark.parametrize("bad", ["10万元", "¥10万"])
# FIXED (was a strict xfail: fixed in the session of 2026-12-07 (14:36–): user round 28's message xfails: verify sides by label and a share as the contract writes it; 10万元 read as an amount meant (rule file hint and fact suggestion))
def test_wan_yuan_amount_gets_the_fix(tmp_path, bad):
    r, line, p = check_variant(tmp_path, DEPOSIT_LINE, f'= {bad} words "壹拾万元整"')
    assert r.returncode == 1 and f"{p}:{line}:" in r.stdout
    assert "¥100,000.00" in r.stdout, r.stdout


@pytest.mark.parametrize("value", ['¥100,000 words "壹拾万元整"', '¥100,000.00 words "壹拾万圆整"',
                                   '¥100,000.00 words "人民币壹拾万元整"', '¥100,000.00 words "拾万元整"'])
def test_passing_amount_spellings_read_right(value):
    from engine.api import compile_rules
    text, _ = variant(DEPOSIT_LINE, "= " + value)
    rules = compile_rules(text)
    rep = rules.evaluate([SIGNED, DEPOSIT], "2026-09-23T12:00:00")
    assert ob(rep, "pay_deposit")["status"] == "fulfilled"         # ¥100,000.00 paid ≥ the deposit as read
    assert not any(f["code"].startswith("amount_words") for f in rep.get("findings", []))


def test_passing_words_in_figures_warn_unreadable(tmp_path):
    r, line, p = check_variant(tmp_path, DEPOSIT_LINE, '= ¥100,000.00 words "10万元"')
    assert r.returncode == 0
    assert f"{p}:{line}:1: 警告[amount_words_unreadable]" in r.stdout and "10万元" in r.stdout


# ---------------------------------------------------------------- mistakes on purpose: facts

@pytest.mark.parametrize("amount", ["100,000.00", "¥100,000.00", 100000])
def test_passing_fact_amount_spellings_read_right(rules, amount):
    rep = rules.evaluate([SIGNED, F("d", "deposit_paid", "2026-09-21T10:00:00", amount=amount)], "2026-09-23T12:00:00")
    assert ob(rep, "pay_deposit")["status"] == "fulfilled"


def _bad_fact(tmp_path, amount):
    p = tmp_path / "f.jsonl"
    p.write_text(SIGNED + "\n" + F("d", "deposit_paid", "2026-09-21T10:00:00", amount=amount) + "\n",
                 encoding="utf-8")
    r = cli("eval", RULES, "--facts", p, "--as-of", "2026-09-23", "--format", "json")
    return r, p


def test_passing_fact_in_capitals_refused_with_suggestion(tmp_path):
    r, p = _bad_fact(tmp_path, "壹拾万元整")
    assert r.returncode == 1
    err = json.loads(r.stdout)["errors"][0]
    assert (err["code"], err["file"], err["line"]) == ("bad_attribute", str(p), 2)
    assert '"100000.00"' in err["message"]


# FIXED (was a strict xfail: fixed in the session of 2026-12-07 (14:36–): user round 28's message xfails: verify sides by label and a share as the contract writes it; 10万元 read as an amount meant (rule file hint and fact suggestion))
def test_fact_in_wan_yuan_refused_with_suggestion(tmp_path):
    r, p = _bad_fact(tmp_path, "10万元")
    assert r.returncode == 1
    err = json.loads(r.stdout)["errors"][0]
    assert (err["code"], err["line"]) == ("bad_attribute", 2)
    assert '"100000.00"' in err["message"], err["message"]
