"""Issue 11, part 3: aggregates over periods — a mean (the annual mean of monthly scores) and runs of
consecutive calendar periods ("连续3个月考核低于80分").  Counted by hand."""
import json
import subprocess
import sys
import textwrap

import pytest

from engine.api import compile_rules
from engine.diagnostics import QiyueError
from engine.messages import render

RULES = textwrap.dedent('''\
    contract "T-A" "考核（测试）" { calendar official }
    party 甲方 "采购人" as buyer
    party 乙方 "供应商" as supplier
    event assessed "月度考核" { month: text "考核月份"  score: decimal 0..100 "得分" }
    event fee_paid "付款" { amount: money "金额" }
    event year_closed "年度结束"
    clause "7" "考核" {
      quote "连续3个月考核得分低于80分的，甲方有权解除合同；年度平均得分90分以上的，甲方奖励乙方5000元。"
      remedy terminate "连续3个月低于80分，甲方可解除" {
        holder 甲方
        when consecutive(month, a.month for each assessed a where a.score < 80) >= 3
        once
      }
      remedy bonus "年度平均分90分以上奖励" {
        holder 乙方
        for each year_closed y
        amount if mean(a.score for each assessed a) >= 90 then ¥5,000.00 otherwise ¥0.00
      }
      remedy mean_fee "平均付款（测试用）" {
        holder 乙方
        for each year_closed y
        amount mean(p.amount for each fee_paid p)
      }
    }
    ''')


def run(facts, as_of="2027-01-10", rules=RULES):
    lines = [json.dumps(f, ensure_ascii=False) for f in facts]
    return compile_rules(rules, "t.qy").evaluate(lines, as_of)


def scores(*pairs):
    """(month, score) → an assessment of that month on the 5th of the next."""
    out = []
    for n, (month, score) in enumerate(pairs):
        y, m = map(int, month.split("-"))
        y2, m2 = (y + 1, 1) if m == 12 else (y, m + 1)
        out.append({"id": f"a{n}", "type": "assessed", "at": f"{y2}-{m2:02d}-05T10:00:00+08:00", "month": month,
                    "score": score})
    return out


def remedy(rep, name):
    return [r for r in rep["remedies"] if r["name"] == name]


YEAR_END = {"id": "y", "type": "year_closed", "at": "2026-12-31T12:00:00+08:00"}


@pytest.mark.parametrize("pairs,since", [
    # Feb, Mar below 80; Apr 85 breaks the run; May, Jun, Jul below: the third in a row is July's,
    # assessed 08-05 10:00
    ([("2026-01", 95), ("2026-02", 79), ("2026-03", 70), ("2026-04", 85), ("2026-05", 75), ("2026-06", 78),
      ("2026-07", 79.99)], "2026-08-05T10:00:00+08:00"),
    # 80 is not below 80: no run of three
    ([("2026-05", 75), ("2026-06", 80), ("2026-07", 79)], None),
    # over a year's end: Nov, Dec 2025 and Jan 2026
    ([("2025-11", 60), ("2025-12", 60), ("2026-01", 60)], "2026-02-05T10:00:00+08:00"),
    # months told out of order: Jun's assessment comes last, and completes Apr–May–Jun
    ([("2026-04", 70), ("2026-05", 70), ("2026-07", 70), ("2026-06", 70)], None),
    # the same month twice is one month
    ([("2026-04", 70), ("2026-04", 60), ("2026-05", 70)], None),
])
def test_three_consecutive_months_below_80(pairs, since):
    facts = scores(*pairs)
    if pairs[-1][0] == "2026-06":  # (told late: assessed on 08-20)
        facts[-1]["at"] = "2026-08-20T10:00:00+08:00"
        since = "2026-08-20T10:00:00+08:00"
    got = remedy(run(facts), "terminate")
    assert [r["since"] for r in got] == ([since] if since else [])


def test_consecutive_periods_by_instant_and_by_quarter():
    rules = RULES.replace("consecutive(month, a.month for each assessed a where a.score < 80) >= 3",
                          "consecutive(quarter, a.at for each assessed a where a.score < 80) >= 2")
    # assessed 03-05 (Q1), 05-05 (Q2): two quarters in a row by when the assessments were made
    got = remedy(run(scores(("2026-02", 70), ("2026-04", 70)), rules=rules), "terminate")
    assert [r["since"] for r in got] == ["2026-05-05T10:00:00+08:00"]
    # 03-05 (Q1) and 08-05 (Q3): not in a row
    assert remedy(run(scores(("2026-02", 70), ("2026-07", 70)), rules=rules), "terminate") == []


def test_weeks_run_from_monday():
    rules = RULES.replace("consecutive(month, a.month for each assessed a where a.score < 80) >= 3",
                          "consecutive(week, a.at for each assessed a where a.score < 80) >= 2")
    facts = scores(("2026-02", 70), ("2026-03", 70))
    facts[0]["at"], facts[1]["at"] = "2026-03-08T23:59:59+08:00", "2026-03-09T00:00:00+08:00"   # Sun, then Mon
    assert [r["since"] for r in remedy(run(facts, rules=rules), "terminate")] == ["2026-03-09T00:00:00+08:00"]
    facts[0]["at"] = "2026-03-02T00:00:00+08:00"   # Monday of the same week as 03-08: still one week before 03-09's
    assert len(remedy(run(facts, rules=rules), "terminate")) == 1
    facts[0]["at"] = "2026-03-01T23:59:59+08:00"   # Sunday of the week before: no run
    assert remedy(run(facts, rules=rules), "terminate") == []


@pytest.mark.parametrize("pairs,amount", [
    ([("2026-01", 95), ("2026-02", 90), ("2026-03", 85)], "5000.00"),   # (95 + 90 + 85) / 3 = 90: 90 or more
    ([("2026-01", 95), ("2026-02", 90), ("2026-03", 84.99)], "0.00"),   # 89.996…: below 90
    ([], "0.00"),   # no score: the mean is unknown, and a comparison with an unknown side is false (§8)
])
def test_the_annual_mean_decides_the_bonus(pairs, amount):
    (r,) = remedy(run(scores(*pairs) + [YEAR_END]), "bonus")
    assert r["amount"] == amount


@pytest.mark.parametrize("amounts,mean", [
    (["100.00", "100.00", "100.01"], "100.00"),   # 300.01 / 3 = 100.0033…
    (["0.01", "0.02"], "0.02"),                   # 0.015: to the fen, half-up
    (["0.01", "0.01", "0.02"], "0.01"),           # 0.0133…
])
def test_the_mean_of_amounts_is_rounded_to_the_fen(amounts, mean):
    facts = [{"id": f"p{n}", "type": "fee_paid", "at": f"2026-0{n + 1}-10T10:00:00+08:00", "amount": a}
             for n, a in enumerate(amounts)]
    (r,) = remedy(run(facts + [YEAR_END]), "mean_fee")
    assert r["amount"] == mean


def test_a_period_name_of_the_wrong_kind_is_refused_with_the_facts_line():
    with pytest.raises(QiyueError) as exc:
        run(scores(("2026-03", 70)) + [{"id": "x", "type": "assessed", "at": "2026-05-05T10:00:00+08:00",
                                        "month": "2026/04", "score": 70}])
    (d,) = exc.value.diagnostics
    assert d.key == "out_of_range.fact" and d.args["line"] == 2
    assert "“2026/04”不是月的名称，应写作 2026-03 这样" in render(d.key, d.args, "zh")


def test_consecutive_counts_periods_not_numbers():
    with pytest.raises(QiyueError) as exc:
        compile_rules(RULES.replace("consecutive(month, a.month for", "consecutive(month, a.score for"), "t.qy")
    assert [d.key for d in exc.value.diagnostics] == ["type_mismatch.consecutive"]


def test_chinese_keywords_and_the_cli(tmp_path):
    zh = RULES.replace("consecutive(month, a.month for each assessed a where a.score < 80)",
                       "连续(月, a.month 每当 assessed a 满足 a.score < 80)").replace(
        "mean(a.score for each assessed a)", "平均值(a.score 每当 assessed a)")
    rules, facts = tmp_path / "t.qy", tmp_path / "f.jsonl"
    rules.write_text(zh, encoding="utf-8")
    facts.write_text("\n".join(json.dumps(f, ensure_ascii=False) for f in scores(
        ("2026-05", 75), ("2026-06", 78), ("2026-07", 79)) + [YEAR_END]) + "\n", encoding="utf-8")
    out = subprocess.run([sys.executable, "-m", "engine.cli", "eval", str(rules), "--facts", str(facts),
                          "--as-of", "2027-01-10", "--format", "json"], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    rep = json.loads(out.stdout)
    assert [r["since"] for r in remedy(rep, "terminate")] == ["2026-08-05T10:00:00+08:00"]
    assert remedy(rep, "bonus")[0]["amount"] == "0.00"   # (75 + 78 + 79) / 3 = 77.33…


# ---------------------------------------------------------------- a rating from thresholds
RATING = RULES.replace('''  remedy mean_fee "平均付款（测试用）" {''', '''  remedy annual_rating "年度考核等级" {
    holder 甲方
    for each year_closed y
    amount if mean(a.score for each assessed a) >= 90 then "优秀"
      otherwise if mean(a.score for each assessed a) >= 80 then "合格" otherwise "不合格"
  }
  remedy mean_fee "平均付款（测试用）" {''')
assert "annual_rating" in RATING


@pytest.mark.parametrize("pairs,rating", [
    ([("2026-01", 95), ("2026-02", 85)], "优秀"),      # mean 90
    ([("2026-01", 95), ("2026-02", 84.98)], "合格"),   # 89.99
    ([("2026-01", 80), ("2026-02", 80)], "合格"),      # 80
    ([("2026-01", 80), ("2026-02", 79.98)], "不合格"),  # 79.99
])
def test_a_rating_from_thresholds_on_the_annual_mean(pairs, rating):
    rep = run(scores(*pairs) + [YEAR_END], rules=RATING)
    (r,) = remedy(rep, "annual_rating")
    assert (r["amount"], r["rating"]) == (None, rating)
    assert "points" not in r


def test_a_rating_is_shown_in_the_text_report_and_cannot_be_summed(tmp_path):
    rules, facts = tmp_path / "t.qy", tmp_path / "f.jsonl"
    rules.write_text(RATING, encoding="utf-8")
    facts.write_text("\n".join(json.dumps(f, ensure_ascii=False) for f in scores(("2026-01", 95)) + [YEAR_END]) + "\n",
                     encoding="utf-8")
    out = subprocess.run([sys.executable, "-m", "engine.cli", "eval", str(rules), "--facts", str(facts),
                          "--as-of", "2027-01-10"], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert "评级：优秀" in out.stdout
    with pytest.raises(QiyueError) as exc:
        compile_rules(RATING.replace('otherwise "不合格"\n', 'otherwise "不合格" per day\n'), "t.qy")
    assert [d.key for d in exc.value.diagnostics] == ["rating_not_counted"]
