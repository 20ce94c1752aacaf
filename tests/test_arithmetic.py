"""Numbers and arithmetic in the rule language (issue 11, part 1): ×, ÷, +, −, parentheses,
min / max (caps), rounding as contracts state it, amounts rounded to the fen half-up, types
checked (¥ × ¥ is an error; ¥ × number is an amount) — and every computation shown in the
explanation.  Counted by hand, through the API and the command line."""
import json
import subprocess
import sys
import textwrap
from decimal import Decimal

import pytest

from engine.api import compile_rules
from engine.diagnostics import QiyueError
from seedfacts import lines

HEAD = textwrap.dedent('''\
    contract "T-11" "运维服务合同（测试）" { calendar official }
    party 甲方 "采购人" as buyer
    party 乙方 "供应商" as supplier
    param price "月服务费" = ¥100,000.00
    param total "合同总价" = ¥1,200,000.00
    ''')


def _value(rules, name):
    from engine.lang.checker import Checker
    c = Checker(rules.checked.rules)
    c.params = rules.checked.params
    return c.constant(rules.checked.params[name].expr)


@pytest.mark.parametrize("expr,value", [
    ("price × 85 ÷ 100", Decimal("85000.00")),
    ("price * 85 / 100", Decimal("85000.00")),          # ASCII operators
    ("price ÷ 3", Decimal("33333.33")),                 # an amount shared out: to the fen, half-up
    ("¥0.05 ÷ 2", Decimal("0.03")),                     # 0.025 → 0.03 (half-up, not to even)
    ("(price + ¥20,000.00) × 10%", Decimal("12000.00")),
    ("price + ¥20,000.00 × 10%", Decimal("102000.00")),  # × before +
    ("2 × 3 + 4", 10),
    ("7 ÷ 2", Decimal("3.5")),
    ("min(price × 20%, 10% of total)", Decimal("20000.00")),
    ("max(price × 20%, 10% of total)", Decimal("120000.00")),
    ("round_up(2.25, 1)", 3),                           # 不足一小时按一小时计
    ("round_up(2.25, 0.5)", Decimal("2.5")),
    ("round_down(¥1,234.56, ¥100.00)", Decimal("1200.00")),
    ("round(2.5)", 3), ("round(2.49)", 2),
    ("round(2.675, 0.01)", Decimal("2.68")),            # half-up on the step, exactly (no binary float)
    ("price ÷ total", Decimal("100000.00") / Decimal("1200000.00")),  # a ratio of two amounts
    ("0.1% × 2", Decimal("0.002")),                     # a rate doubled is a rate
    ("price ÷ 3 × 3", Decimal("100000.00")),            # rounded once, as a whole: not ¥99,999.99
    ("round_down(price × 89.9999964 ÷ 90, ¥1.00)", Decimal("99999.00")),  # ¥99,999.996 exactly, then down
    ("¥0.05 × 50% - ¥0.05 ÷ 2", Decimal("0.00")),       # 0.025 - 0.025: 0.00, never -0.00
])
def test_constant_arithmetic(expr, value):
    assert _value(compile_rules(HEAD + f"param x = {expr}\n", "t.qy"), "x") == value


@pytest.mark.parametrize("expr,key,hint", [
    ("price × price", "type_mismatch.arith", "price × 85%"),
    ("price + 3", "type_mismatch.arith", "¥3.00"),
    ("price + 5%", "type_mismatch.arith", "5% of price"),
    ("3 ÷ price", "type_mismatch.arith", "paid ÷ price"),
    ("price ÷ 0", "division_by_zero", None),
    ("min(price)", "wrong_arguments.extreme", "min(damages, 10% of total)"),
    ("min(price, 3)", "type_mismatch.extreme_mixed", None),
    ("round_down(price, 1)", "type_mismatch.rounding_step", "round_down(amount, ¥100.00)"),
    ("round_up(3.5, 0)", "rounding_step", None),
])
def test_misuse_is_refused_with_a_fix(expr, key, hint):
    with pytest.raises(QiyueError) as exc:
        compile_rules(HEAD + f"param x = {expr}\n", "t.qy")
    (d,) = exc.value.diagnostics
    assert d.key == key and (d.span.line, d.span.column) >= (6, 11)
    if hint:
        assert hint in d.hint_text("en") or hint in d.hint_text("zh")
    assert d.text("zh") != d.text("en")


SCORED = HEAD + textwrap.dedent('''\
    event assessed "月度考核" { score: int 0..100 "得分" hours: int 0..1000 "超时小时数" }
    clause "3" "考核付款" {
      remedy fee "按考核得分支付的服务费" {
        holder 乙方
        for each assessed a
        amount min(price × a.score ÷ 90, price)
        note "得分90分以上全额支付；不足90分的，按得分比例支付。"
      }
      remedy overtime "超时扣款（每小时¥500，累计不超过月服务费的10%）" {
        holder 甲方
        for each assessed a where a.hours > 0
        amount min(¥500.00 × a.hours, 10% of price)
      }
    }
    ''')


def _assessed(score, hours):
    return lines([{"id": "a1", "type": "assessed", "at": "2026-03-31T18:00:00+08:00", "score": score,
                   "hours": hours}])


@pytest.mark.parametrize("score,hours,fee,overtime", [
    (95, 0, "100000.00", None),        # above the threshold: capped at the full fee
    (90, 3, "100000.00", "1500.00"),   # exactly 90: 100,000 × 90 ÷ 90
    (85, 30, "94444.44", "10000.00"),  # 100,000 × 85 ÷ 90 = 94,444.444… → ¥94,444.44; 30 h × 500 = 15,000 → cap 10,000
    (0, 20, "0.00", "10000.00"),       # 20 h × 500 = exactly the cap
])
def test_amounts_from_a_fact_through_the_api(score, hours, fee, overtime):
    report = compile_rules(SCORED, "t.qy").evaluate(_assessed(score, hours), "2026-04-01")
    got = {r["name"]: r["amount"] for r in report["remedies"]}
    assert got.get("fee") == fee and got.get("overtime") == overtime


def test_the_computation_is_shown_with_the_values_it_read():
    report = compile_rules(SCORED, "t.qy").evaluate(_assessed(85, 30), "2026-04-01")
    fee = next(r for r in report["remedies"] if r["name"] == "fee")
    assert fee["because"][-1] == ("金额：（月服务费 × 该月度考核的得分 ÷ 90）与月服务费中的较小者，其中 月服务费 = ¥100,000.00、"
                                  "该月度考核的得分 = 85，得 ¥94,444.44")
    (step,) = [s for s in fee["steps"] if s["code"] == "computed"]
    assert step["args"]["terms"] == [
        {"text": {"kind": "expression", "text": "price", "zh": "月服务费"}, "value": {"kind": "money", "amount": "100000.00"}},
        {"text": {"kind": "expression", "text": "a.score", "zh": "该月度考核的得分"}, "value": 85}]
    assert step["args"]["value"] == {"kind": "money", "amount": "94444.44"}
    en = compile_rules(SCORED, "t.qy").evaluate(_assessed(85, 30), "2026-04-01", lang="en")
    fee = next(r for r in en["remedies"] if r["name"] == "fee")
    assert fee["because"][-1] == "amount: min(price × a.score ÷ 90, price), where price = ¥100,000.00, a.score = 85: ¥94,444.44"


def test_the_same_through_the_command_line(tmp_path):
    (tmp_path / "t.qy").write_text(SCORED, encoding="utf-8")
    (tmp_path / "f.jsonl").write_text("\n".join(_assessed(85, 30)), encoding="utf-8")
    out = subprocess.run([sys.executable, "-m", "engine.cli", "eval", str(tmp_path / "t.qy"), "--facts",
                          str(tmp_path / "f.jsonl"), "--as-of", "2026-04-01", "--format", "json"],
                         capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    got = {r["name"]: r["amount"] for r in json.loads(out.stdout)["remedies"]}
    assert got == {"fee": "94444.44", "overtime": "10000.00"}
    bad = subprocess.run([sys.executable, "-m", "engine.cli", "check", str(tmp_path / "t.qy")],
                         capture_output=True, text=True)
    assert bad.returncode == 0
    (tmp_path / "t.qy").write_text(SCORED.replace("price × a.score ÷ 90", "price × price"), encoding="utf-8")
    bad = subprocess.run([sys.executable, "-m", "engine.cli", "check", str(tmp_path / "t.qy")],
                         capture_output=True, text=True)
    assert bad.returncode == 1 and "无法计算 金额 × 金额" in bad.stdout + bad.stderr
    assert "Traceback" not in bad.stderr


@pytest.mark.parametrize("expr,value", [
    ("late_rate of total", Decimal("1200.00")),        # a named rate of an amount: 0.1% × ¥1,200,000.00
    ("total × late_rate", Decimal("1200.00")),
    ("late_rate × 2 of total", None),                   # (not a rate name before `of`: see the error test)
    ("0.5% of 7", Decimal("0.035")),                    # a share of a plain number is not rounded to the fen
    ("if price > ¥50,000.00 then price otherwise ¥0.00", Decimal("100000.00")),
    ("如 price > ¥200,000.00 则 price 否则 price ÷ 2", Decimal("50000.00")),
    ("if price > ¥1.00 then 1 else 2.5", 1),
])
def test_named_rates_and_values_by_cases(expr, value):
    src = HEAD + "param late_rate = 0.1%\n" + f"param x = {expr}\n"
    if value is None:
        with pytest.raises(QiyueError):
            compile_rules(src, "t.qy")
        return
    assert _value(compile_rules(src, "t.qy"), "x") == value


@pytest.mark.parametrize("expr,key", [
    ("price of total", "type_mismatch.share"),
    ("if price > ¥1.00 then price otherwise 3", "type_mismatch.cases"),
    ("if price then price otherwise price", "type_mismatch.condition"),
])
def test_misused_rates_and_cases_are_refused(expr, key):
    with pytest.raises(QiyueError) as exc:
        compile_rules(HEAD + f"param x = {expr}\n", "t.qy")
    assert [d.key for d in exc.value.diagnostics] == [key]


TIERED = HEAD + textwrap.dedent('''\
    event assessed "月度考核" { score: decimal 0..100 "得分" }
    clause "3" "考核付款" {
      remedy fee "按考核得分支付" {
        holder 乙方
        for each assessed a
        amount if a.score >= 90 then price otherwise round_down(price × a.score ÷ 90, ¥1.00)
        note "90分以上全额支付；不足90分的按得分比例支付，不足一元的部分不计。"
      }
    }
    ''')


@pytest.mark.parametrize("score,amount", [
    (95, "100000.00"), (90, "100000.00"),
    ("89.5", "99444.00"),   # ¥100,000.00 × 89.5 = ¥8,950,000.00 ÷ 90 = ¥99,444.44 → down to ¥1.00: ¥99,444.00
    ("89.99", "99988.00"),  # × 89.99 = ¥8,999,000.00 ÷ 90 = ¥99,988.888… → ¥99,988.89 → ¥99,988.00
    (0, "0.00"),
])
def test_a_decimal_score_in_a_fact_pays_by_cases(score, amount):
    report = compile_rules(TIERED, "t.qy").evaluate(
        lines([{"id": "a", "type": "assessed", "at": "2026-03-31", "score": score}]), "2026-04-01")
    assert [r["amount"] for r in report["remedies"]] == [amount]


@pytest.mark.parametrize("raw,word", [
    ('"8.95e1"', "指数"), ('"1,000"', "千位分隔符"), ("100.5", "不在声明的范围 0..100 之内"), ("true", "精确的 JSON 数字"),
    ('"85.12345678901"', "最多10位小数"),
])
def test_a_decimal_in_a_fact_is_read_exactly_or_refused(raw, word):
    line = '{"id": "a", "type": "assessed", "at": "2026-03-31", "score": %s}' % raw
    with pytest.raises(QiyueError) as exc:
        compile_rules(TIERED, "t.qy").evaluate([line], "2026-04-01")
    (d,) = exc.value.diagnostics
    assert d.span.line == 1 and word in d.text("zh") and "Decimal(" not in d.text("zh") + d.text("en")


# ---------------------------------------------------------------- durations people write
RESPONSE = HEAD + textwrap.dedent('''\
    event reported "报修"
    event fixed "修复"
    clause "4" "响应" {
      obligation fix "修复" {
        debtor 乙方
        creditor 甲方
        for each reported r
        fulfilled by fixed f
        within DURATION
      }
    }
    ''')


@pytest.mark.parametrize("written,fixed_at,status", [
    # 0.5 hours from Fri 2026-04-10 09:00 = 30 minutes: the end instant itself is in time (第1259条)
    ("0.5 hours", "2026-04-10T09:30:00+08:00", "fulfilled"),
    ("0.5 hours", "2026-04-10T09:31:00+08:00", "violated"),
    ("1.25 小时", "2026-04-10T10:15:00+08:00", "fulfilled"),
    # 1 week from Fri 04-10: start day excluded, 7th day Fri 04-17, a working day → due 04-18 00:00
    ("1 week", "2026-04-17T23:59:00+08:00", "fulfilled"),
    ("1 周", "2026-04-18T00:00:00+08:00", "violated"),
    # 2 weeks: 14th day Fri 04-24 → due 04-25 00:00
    ("2 weeks", "2026-04-24T18:00:00+08:00", "fulfilled"),
    # 3 calendar days: Mon 04-13 → due 04-14 00:00 (no working-day count)
    ("3 calendar days", "2026-04-13T18:00:00+08:00", "fulfilled"),
    ("3 个日历日", "2026-04-14T09:00:00+08:00", "violated"),
])
def test_durations_as_contracts_write_them(written, fixed_at, status):
    rules = compile_rules(RESPONSE.replace("DURATION", written), "t.qy")
    report = rules.evaluate(lines([{"id": "r", "type": "reported", "at": "2026-04-10T09:00:00+08:00"},
                                   {"id": "f", "type": "fixed", "at": fixed_at}]), "2026-05-01")
    assert [o["status"] for o in report["obligations"] if o["name"] == "fix"] == [status]


@pytest.mark.parametrize("written,key", [("1.3333 hours", "not_whole_number"), ("1.5 days", "not_whole_number"),
                                         ("0.5 weeks", "not_whole_number")])
def test_a_duration_that_is_not_whole_minutes_or_days_is_refused(written, key):
    with pytest.raises(QiyueError) as exc:
        compile_rules(RESPONSE.replace("DURATION", written), "t.qy")
    assert [d.key for d in exc.value.diagnostics] == [key]


# ---------------------------------------------------------------- the time between two facts
HOURLY = HEAD + textwrap.dedent('''\
    event reported "报修"
    event fixed "修复" { ref: ref (reported) "所修复的报修" }
    clause "4" "响应" {
      remedy slow "超时扣款：超过4小时的，按修复所用时间每小时¥500（不足一小时按一小时计）" {
        holder 甲方
        for each fixed f, reported r where f.ref == r.id and f.at - r.at > 4 hours
        amount ¥500.00 × round_up((f.at - r.at) ÷ 1 hours, 1)
      }
    }
    ''')


@pytest.mark.parametrize("fixed_at,amount", [
    ("2026-04-10T13:00:00+08:00", None),        # exactly 4 hours: not more than 4 (“超过” excludes the number)
    ("2026-04-10T13:00:01+08:00", "2500.00"),   # 4 h 0 min 1 s: more than 4 — five begun hours
    ("2026-04-10T14:20:00+08:00", "3000.00"),   # 5 h 20 min → 6 hours
    ("2026-04-11T09:00:00+08:00", "12000.00"),  # a whole day: 24 hours
])
def test_time_between_two_facts_is_compared_and_billed_by_the_hour(fixed_at, amount):
    report = compile_rules(HOURLY, "t.qy").evaluate(lines([
        {"id": "r", "type": "reported", "at": "2026-04-10T09:00:00+08:00"},
        {"id": "f", "type": "fixed", "at": fixed_at, "ref": "r"}]), "2026-05-01")
    assert [r["amount"] for r in report["remedies"]] == ([amount] if amount else [])


def test_the_time_between_is_shown_in_the_explanation():
    report = compile_rules(HOURLY, "t.qy").evaluate(lines([
        {"id": "r", "type": "reported", "at": "2026-04-10T09:00:00+08:00"},
        {"id": "f", "type": "fixed", "at": "2026-04-10T14:20:00+08:00", "ref": "r"}]), "2026-05-01")
    (r,) = report["remedies"]
    assert r["because"][-1] == ("金额：¥500.00 × （（该修复的时间 − 该报修的时间） ÷ 1小时）（向上取整至1），"
                                "其中 该修复的时间 − 该报修的时间 = 5小时20分钟，得 ¥3,000.00")
    (step,) = [s for s in r["steps"] if s["code"] == "computed"]
    assert step["args"]["terms"] == [{"text": {"kind": "expression", "text": "f.at - r.at", "zh": "该修复的时间 − 该报修的时间"},
                                      "value": {"kind": "elapsed", "seconds": 19200}}]


@pytest.mark.parametrize("condition,key", [
    ("f.at - r.at > 2 months", "not_fixed_duration"),   # a month has no fixed length
    ("f.at - r.at > 3 working days", "not_fixed_duration"),
    ("f.at - r.at > 3", "type_mismatch.order"),          # 3 what?
    ("(f.at - r.at) × 2 > 1 hours", "type_mismatch.arith"),
])
def test_an_elapsed_time_against_what_has_no_fixed_length_is_refused(condition, key):
    with pytest.raises(QiyueError) as exc:
        compile_rules(HOURLY.replace("f.at - r.at > 4 hours", condition), "t.qy")
    assert [d.key for d in exc.value.diagnostics] == [key]


def test_an_amount_the_facts_drive_below_zero_is_a_warning_not_hidden():
    # a fix recorded an hour before the report it answers: −1 hour × ¥500.00
    text = HOURLY.replace("where f.ref == r.id and f.at - r.at > 4 hours", "where f.ref == r.id").replace(
        "round_up((f.at - r.at) ÷ 1 hours, 1)", "((f.at - r.at) ÷ 1 hours)")
    report = compile_rules(text, "t.qy").evaluate(lines([
        {"id": "r", "type": "reported", "at": "2026-04-10T09:00:00+08:00"},
        {"id": "f", "type": "fixed", "at": "2026-04-10T08:00:00+08:00", "ref": "r"}]), "2026-05-01")
    assert [r["amount"] for r in report["remedies"]] == ["-500.00"]
    (f,) = [f for f in report["findings"] if f["code"] == "negative_amount"]
    assert f["severity"] == "warning" and "小于零" in f["message"]


CAPPED = HOURLY.replace("amount ¥500.00 × round_up((f.at - r.at) ÷ 1 hours, 1)\n",
                        "amount ¥500.00 × round_up((f.at - r.at) ÷ 1 hours, 1)\n    total at most 10% of price\n")


def test_a_cap_on_all_the_rows_counts_them_from_the_earliest():
    # 累计不超过月服务费的10% (¥10,000.00): a repair of 24 hours (¥12,000.00) reaches the cap alone — ¥10,000.00;
    # a later one of 6 hours (¥3,000.00) counts nothing; the cap is said in the steps
    facts = []
    for k, (rep, fix) in enumerate([("2026-04-10T09:00:00+08:00", "2026-04-11T09:00:00+08:00"),
                                    ("2026-04-12T09:00:00+08:00", "2026-04-12T15:00:00+08:00")]):
        facts += [{"id": f"r{k}", "type": "reported", "at": rep}, {"id": f"f{k}", "type": "fixed", "at": fix, "ref": f"r{k}"}]
    report = compile_rules(CAPPED, "t.qy").evaluate(lines(facts), "2026-05-01")
    assert [r["amount"] for r in report["remedies"]] == ["10000.00", "0.00"]
    first, second = report["remedies"]
    assert first["because"][-1] == "累计不超过 ¥10,000.00：此前各项已计 ¥0.00，本项 ¥12,000.00 只计 ¥10,000.00"
    (step,) = [s for s in second["steps"] if s["code"] == "capped"]
    assert step["args"]["before"] == {"kind": "money", "amount": "10000.00"}
    # under the cap: each row in full
    report = compile_rules(CAPPED, "t.qy").evaluate(lines(facts[2:]), "2026-05-01")
    assert [r["amount"] for r in report["remedies"]] == ["3000.00"]


POINTS = HEAD + textwrap.dedent('''\
    event incident "运维事故" { level: int 1..3 "等级" }
    clause "6" "考核扣分" {
      remedy deduction "事故扣分：一级事故扣5分，其他扣2分，累计不超过20分" {
        holder 甲方
        for each incident i
        amount if i.level == 1 then 5 otherwise 2
        total at most 20
      }
    }
    ''')


def test_a_consequence_in_points_with_a_cap():
    facts = [{"id": f"i{k}", "type": "incident", "at": f"2026-03-{k + 1:02d}T10:00:00+08:00", "level": 1}
             for k in range(5)]  # 5 × 5 points = 25 → 20
    report = compile_rules(POINTS, "t.qy").evaluate(lines(facts), "2026-04-01")
    assert [(r["amount"], r["points"]) for r in report["remedies"]] == [(None, "5")] * 4 + [(None, "0")]
    from engine.report.build import render
    text = render(report, "zh")
    assert "甲方 5 分" in text


def test_a_cap_per_month_counts_each_month_apart():
    text = POINTS.replace("total at most 20", "total at most 12 per month")
    facts = [{"id": f"i{k}", "type": "incident", "at": at, "level": 1} for k, at in enumerate(
        ["2026-03-02T10:00:00+08:00", "2026-03-09T10:00:00+08:00", "2026-03-31T23:59:00+08:00",   # 5 + 5 + (2 of 5)
         "2026-04-01T00:00:00+08:00"])]                                                           # April: 5 again
    report = compile_rules(text, "t.qy").evaluate(lines(facts), "2026-05-01")
    assert [r["points"] for r in report["remedies"]] == ["5", "5", "2", "5"]
    third = report["remedies"][2]
    assert third["because"][-1] == "累计不超过 12（2026年3月）：此前各项已计 10，本项 5 只计 2"


@pytest.mark.parametrize("declared,value,ok", [("decimal -10..10", "-7.5", True), ("decimal -10..10", "-10.01", False),
                                               ("decimal -10.5..-1", "-0.5", False), ("decimal 0..", "0", True)])
def test_a_decimal_range_may_have_negative_bounds(declared, value, ok):
    rules = compile_rules(HEAD + 'event reading "读数" { v: %s "值" }\n' % declared, "t.qy")
    line = '{"id": "a", "type": "reading", "at": "2026-01-01", "v": "%s"}' % value
    if ok:
        assert rules.load_facts([line], "f.jsonl")[0].attrs["v"] == Decimal(value)
    else:
        with pytest.raises(QiyueError):
            rules.load_facts([line], "f.jsonl")


def test_an_amount_that_cannot_be_computed_yet_says_why():
    """A fuzzer: `amount price ÷ mean(p.score for each paid p)` before any payment gave "amount": null and a `because`
    silent about it."""
    text = textwrap.dedent('''\
        contract "A-1" "测试" { calendar official }
        party 甲方 "买方" as buyer
        party 乙方 "卖方" as supplier
        param price "价款" = ¥1,000.00
        event delivered "交付"
        event paid "付款" { score: int }
        clause "1" "x" {
          remedy r "r" { holder 甲方 for each delivered d amount price ÷ mean(p.score for each paid p) }
        }
        ''')
    report = compile_rules(text, "t.qy").evaluate(['{"id":"d1","type":"delivered","at":"2026-03-03T10:00:00+08:00"}'],
                                                  "2026-04-01")
    (row,) = report["remedies"]
    assert row["amount"] is None and row["because"][-1].startswith("金额无法计算：价款 ÷ 付款的score平均值 所读取的值尚不知道")
