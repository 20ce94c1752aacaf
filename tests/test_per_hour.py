"""Amounts by the hour (`amount … per hour` / `按小时`): "每逾期1小时（不足1小时的按1小时计）¥300.00" — an IT service
level's damages, a release fee by the hour.  Each hour begun since the remedy arose is counted whole, to the late
performance, the report's instant, the remedy's lapse or the end of a contract it does not survive; at least one
once it has arisen.  Where it arose at the end of a period that includes its end instant (民法典第1259条: due at 14:00,
done at 14:00, in time), the first hour runs after that instant.  Counted by hand; 2026-03-02 is a Monday, a
working day."""
import json
import subprocess
import sys
import textwrap

import pytest

from engine.api import compile_rules
from engine.diagnostics import QiyueError
from seedfacts import lines

RULES = textwrap.dedent('''\
    contract "T-H" "运维服务（测试）" { calendar official }
    party 甲方 "采购人" as buyer
    party 乙方 "供应商" as supplier
    param restore_fee "超时恢复违约金（每小时）" = ¥300.00
    event outage "服务中断" { }
    event restored "恢复服务" { ref: text "中断" }
    event report_sent "提交故障报告" { ref: text "中断" }
    event ended "合同解除" { }
    clause "9.9" "解除" {
      termination agreed_end "协商解除" {
        for each ended e
      }
    }
    clause "9.2" "故障恢复" {
      quote "乙方应在服务中断后4小时内恢复服务；每逾期1小时（不足1小时的按1小时计），乙方向甲方支付违约金¥300.00。"
      obligation restore "恢复服务" {
        debtor 乙方
        creditor 甲方
        for each outage o
        fulfilled by restored r where r.ref == o.id
        within 4 hours
      }
      remedy late_restore "超时恢复违约金" {
        holder 甲方
        for each restore.violated v
        amount restore_fee per hour
      }
    }
    clause "9.3" "故障报告" {
      quote "乙方应在服务中断的次日提交故障报告；逾期的，每逾期1小时支付违约金¥50.00。"
      obligation report "提交故障报告" {
        debtor 乙方
        creditor 甲方
        for each outage o
        fulfilled by report_sent s where s.ref == o.id
        within 1 days
      }
      remedy late_report "逾期提交报告违约金" {
        holder 甲方
        for each report.violated v
        amount ¥50.00 per hour
      }
    }
    ''')
OUTAGE = {"id": "o", "type": "outage", "at": "2026-03-02T10:00:00+08:00"}


def run(facts, as_of, rules=RULES, lang="zh"):
    return compile_rules(rules, "t.qy").evaluate(lines([OUTAGE] + facts), as_of, lang=lang)


def rows(rep, name):
    return [(r["since"], r["amount"]) for r in rep["remedies"] if r["name"] == name]


def restored(at):
    return {"id": "r", "type": "restored", "at": at, "ref": "o"}


# restore: due 14:00, the instant itself in time (4 hours from 10:00, 第1259条); late from 14:00:01
@pytest.mark.parametrize("facts,as_of,expected", [
    ([], "2026-03-02T14:00:00+08:00", []),  # (not late yet: no row)
    ([], "2026-03-02T14:00:01+08:00", [("2026-03-02T14:00:00+08:00", "300.00")]),  # one second: an hour begun
    ([], "2026-03-02T15:00:00+08:00", [("2026-03-02T14:00:00+08:00", "300.00")]),  # one hour exactly: 1
    ([], "2026-03-02T15:00:01+08:00", [("2026-03-02T14:00:00+08:00", "600.00")]),  # the second hour begun
    ([], "2026-03-02T18:30:00+08:00", [("2026-03-02T14:00:00+08:00", "1500.00")]),  # 4 h 30 min: 5
    ([], "2026-03-03T14:00:00+08:00", [("2026-03-02T14:00:00+08:00", "7200.00")]),  # 24 h: 24
    # restored at 18:30: 5 hours to the late performance, and no more after it
    ([restored("2026-03-02T18:30:00+08:00")], "2026-03-09T00:00:00+08:00", [("2026-03-02T14:00:00+08:00", "1500.00")]),
    ([restored("2026-03-02T18:00:00+08:00")], "2026-03-09T00:00:00+08:00", [("2026-03-02T14:00:00+08:00", "1200.00")]),
    ([restored("2026-03-02T14:00:00+08:00")], "2026-03-09T00:00:00+08:00", []),  # in time at the end instant
    ([restored("2026-03-02T14:00:01+08:00")], "2026-03-09T00:00:00+08:00", [("2026-03-02T14:00:00+08:00", "300.00")]),
])
def test_hours_begun_after_a_deadline_that_includes_its_end(facts, as_of, expected):
    assert rows(run(facts, as_of), "late_restore") == expected


def sent(at):
    return {"id": "s", "type": "report_sent", "at": at, "ref": "o"}


# report: 1 day from Mon 03-02 10:00 → the last day Tue 03-03 (a working day) → due 24:00, 03-04T00:00 the first
# late instant: an act at 00:00 is late by less than an hour — one hour
@pytest.mark.parametrize("facts,as_of,amount", [
    ([sent("2026-03-04T00:00:00+08:00")], "2026-03-10T00:00:00+08:00", "50.00"),
    ([sent("2026-03-04T01:00:00+08:00")], "2026-03-10T00:00:00+08:00", "50.00"),  # 1 hour exactly
    ([sent("2026-03-04T01:00:01+08:00")], "2026-03-10T00:00:00+08:00", "100.00"),
    ([], "2026-03-04T00:00:00+08:00", "50.00"),  # at the first late instant
    ([], "2026-03-05T00:00:00+08:00", "1200.00"),  # 24 hours
])
def test_hours_begun_after_a_deadline_at_midnight(facts, as_of, amount):
    assert rows(run(facts, as_of), "late_report") == [("2026-03-04T00:00:00+08:00", amount)]


def test_a_contract_ended_stops_the_hours_unless_the_remedy_survives():
    """Ended Mon 03-02 16:20: 14:00 → 16:20 is 2 h 20 min, 3 hours; the report days later still says 3."""
    ended = {"id": "e", "type": "ended", "at": "2026-03-02T16:20:00+08:00"}
    assert rows(run([ended], "2026-03-06T00:00:00+08:00"), "late_restore") == \
        [("2026-03-02T14:00:00+08:00", "900.00")]
    survives = RULES.replace("    amount restore_fee per hour\n", "    amount restore_fee per hour\n"
                                                                      "    survives\n")
    assert rows(run([ended], "2026-03-02T20:00:00+08:00", survives), "late_restore") == \
        [("2026-03-02T14:00:00+08:00", "1800.00")]


def test_the_reasons_say_how_the_hours_were_counted_in_both_languages():
    rep = run([restored("2026-03-02T18:30:00+08:00")], "2026-03-09T00:00:00+08:00")
    (row,) = [r for r in rep["remedies"] if r["name"] == "late_restore"]
    text = "\n".join(row["because"])
    assert "共计 5 小时（每开始一小时计一小时，不足1小时的按1小时计）× 每小时 ¥300.00 = ¥1,500.00" in text, text
    assert "逾期履行之时" in text and "该时点本身未逾期" in text, text
    en = run([restored("2026-03-02T18:30:00+08:00")], "2026-03-09T00:00:00+08:00", lang="en")
    (row,) = [r for r in en["remedies"] if r["name"] == "late_restore"]
    text = "\n".join(row["because"])
    assert "5 hours, each hour begun counted whole," in text and "the late performance" in text and "¥300.00 an hour" in text, text
    (step,) = [s for s in row["steps"] if s["code"] == "accrued_hours"]
    assert (step["args"]["hours"], step["args"]["to"], step["args"]["in_time"]) == (5, "performed", True)


def test_an_amount_of_an_hour_is_exact_and_the_total_rounded_once():
    """¥100.00 ÷ 3 an hour (¥33.333…), 5 hours: ¥166.67, not 5 × ¥33.33 = ¥166.65."""
    rules = RULES.replace("amount restore_fee per hour", "amount ¥100.00 ÷ 3 per hour")
    rep = run([], "2026-03-02T18:30:00+08:00", rules)
    assert rows(rep, "late_restore") == [("2026-03-02T14:00:00+08:00", "166.67")]
    (row,) = [r for r in rep["remedies"] if r["name"] == "late_restore"]
    assert any("每小时金额不先行舍入" in line for line in row["because"]), row["because"]


def test_accrued_reads_the_hours_to_its_instant():
    """`accrued(late_restore)` in the amount of another remedy: the hours to the instant it is read."""
    rules = RULES.replace('''clause "9.3"''', '''clause "9.4" "累计" {
      remedy deduction "扣减" {
        holder 甲方
        for each report_sent s
        amount accrued(late_restore)
      }
    }
    clause "9.3"''')
    assert "deduction" in rules
    rep = run([sent("2026-03-02T16:30:00+08:00")], "2026-03-03T00:00:00+08:00", rules)
    assert rows(rep, "deduction") == [("2026-03-02T16:30:00+08:00", "900.00")]  # 2 h 30 min at 16:30: 3 hours


def test_chinese_keyword_and_only_if():
    zh = RULES.replace("amount restore_fee per hour", "amount restore_fee 按小时")
    assert rows(run([], "2026-03-02T18:30:00+08:00", zh), "late_restore") == [("2026-03-02T14:00:00+08:00", "1500.00")]
    switched = RULES.replace("amount restore_fee per hour",
                             'amount restore_fee per hour only if restore_basis == "per hour"') + textwrap.dedent('''\
        assumption restore_basis "计法" = "per hour" one of ("per hour", "once")
          "合同写明每逾期1小时"
        ''')
    rep = run([], "2026-03-02T18:30:00+08:00", switched)
    assert rows(rep, "late_restore") == [("2026-03-02T14:00:00+08:00", "1500.00")]
    (row,) = [r for r in rep["remedies"] if r["name"] == "late_restore"]
    once = compile_rules(switched, "t.qy", assume={"restore_basis": '"once"'}).evaluate(
        lines([OUTAGE]), "2026-03-02T18:30:00+08:00")
    assert rows(once, "late_restore") == [("2026-03-02T14:00:00+08:00", "300.00")]


@pytest.mark.parametrize("change,code", [
    ("    amount restore_fee per hour\n", "recomputed_per_hour"),
    ("    amount restore_fee per hour\n", "each_day_once_not_per_day"),
    ("    amount restore_fee per hour\n", "settled_per_day"),
    ("    amount restore_fee per hour\n", "accrued_per_hour_condition"),
])
def test_what_an_amount_by_the_hour_cannot_be_is_refused_with_its_reason(change, code):
    extra = {"recomputed_per_hour": "    recomputed daily\n",
             "each_day_once_not_per_day": "    each day counted once\n",
             "settled_per_day": "    settled by restored p where p.ref == v.o.id\n",
             "accrued_per_hour_condition": "  }\n  remedy big \"累计过高\" {\n    holder 甲方\n"
                                           "    when accrued(late_restore) >= ¥3,000.00\n"}[code]
    assert change in RULES
    with pytest.raises(QiyueError) as e:
        compile_rules(RULES.replace(change, change + extra), "t.qy")
    assert code in {d.code for d in e.value.diagnostics}, [d.code for d in e.value.diagnostics]


def test_the_command_and_the_durable_backend_count_the_same(tmp_path):
    rules = tmp_path / "t.qy"
    rules.write_text(RULES, encoding="utf-8")
    facts = tmp_path / "f.jsonl"
    facts.write_text(json.dumps(OUTAGE) + "\n" + json.dumps(restored("2026-03-02T18:30:00+08:00")) + "\n",
                     encoding="utf-8")
    out = {}
    for backend in ("reference", "durable"):
        p = subprocess.run([sys.executable, "-m", "engine.cli", "eval", str(rules), "--facts", str(facts), "--as-of",
                            "2026-03-09T00:00:00+08:00", "--backend", backend, "--format", "json"], capture_output=True, text=True)
        assert p.returncode == 0, p.stderr
        out[backend] = [(r["name"], r["amount"]) for r in json.loads(p.stdout)["remedies"]]
    # report: never sent; 03-04 00:00 → 03-09 00:00 is 120 hours × ¥50.00
    assert out["reference"] == out["durable"] == [("late_restore", "1500.00"), ("late_report", "6000.00")], out


def test_a_late_performance_of_its_day_alone_leaves_the_hours_between_two_counts():
    """Restored "on 03-03" (its day alone): some instant of that day — 10 hours (at 00:00) to 34 (at 24:00) after
    14:00 on 03-02: ¥3,000.00 to ¥10,200.00, the amount not known (null), never 00:00 taken as the hour."""
    rep = run([{"id": "r", "type": "restored", "at": "2026-03-03", "ref": "o"}], "2026-03-09T00:00:00+08:00")
    (row,) = [r for r in rep["remedies"] if r["name"] == "late_restore"]
    assert row["amount"] is None
    (step,) = [s for s in row["steps"] if s["code"] == "accrued_hours_range"]
    assert (step["args"]["low"], step["args"]["high"], step["args"]["bare"]) == (10, 34, "end")
    assert "共计 10 至 34 小时 × 每小时 ¥300.00 = ¥3,000.00 至 ¥10,200.00，金额无法确定——请补记具体时刻" in row["because"][-1]
    assert "2026年3月3日0时" not in row["because"][-1]
    # the report at 05:00 that day: the restoration "on 03-03" may come after 05:00 — not counted as certain, and said
    # (day_alone_at_as_of, counsel round 34): the hours run to 05:00, 15 of them, the row undetermined — counted, the
    # hours would be 10 to 15 (day_alone_decides)
    rep = run([{"id": "r", "type": "restored", "at": "2026-03-03", "ref": "o"}], "2026-03-03T05:00:00+08:00")
    assert [r["status"] for r in rep["remedies"] if r["name"] == "late_restore"] == ["undetermined"]
    (step,) = [s for r in rep["remedies"] if r["name"] == "late_restore" for s in r["steps"]
               if s["code"] == "accrued_hours"]
    assert (step["args"]["hours"], step["args"]["to"]) == (15, "as_of")
    assert "day_alone_at_as_of" in [f["code"] for f in rep["findings"]]
    # `each at most ¥2,000.00`: even the fewest hours (¥3,000.00) pass the cap — the amount is the cap
    capped = RULES.replace("    amount restore_fee per hour\n", "    amount restore_fee per hour\n    each at most ¥2,000.00\n")
    rep = run([{"id": "r", "type": "restored", "at": "2026-03-03", "ref": "o"}], "2026-03-09T00:00:00+08:00", capped)
    assert rows(rep, "late_restore") == [("2026-03-02T14:00:00+08:00", "2000.00")]


def test_hours_from_a_fact_of_its_day_alone_lie_between_two_counts():
    """A remedy on the outage itself, ¥10.00 an hour, the outage "on 03-02": as of 03-03 12:30, from some instant of
    03-02 — 13 hours (from 24:00) to 37 (from 00:00): not known; the same outage at 10:00: 27 hours, ¥270.00."""
    rules = RULES.replace('clause "9.3"', '''clause "9.5" "停机费" {
      remedy downtime "停机费" {
        holder 甲方
        for each outage o
        amount ¥10.00 per hour
      }
    }
    clause "9.3"''')
    rep = compile_rules(rules, "t.qy").evaluate(lines([{"id": "o", "type": "outage", "at": "2026-03-02"}]),
                                                "2026-03-03T12:30:00+08:00")
    (row,) = [r for r in rep["remedies"] if r["name"] == "downtime"]
    assert row["amount"] is None and "共计 13 至 37 小时" in row["because"][-1], row["because"]
    assert rows(compile_rules(rules, "t.qy").evaluate(lines([OUTAGE]), "2026-03-03T12:30:00+08:00"), "downtime") == \
        [("2026-03-02T10:00:00+08:00", "270.00")]


def test_an_amount_by_the_hour_set_off_by_the_late_performance_is_warned_of():
    """`for each restore.performed_late y` with `per hour`: each row arises when the late act is done and accrues
    nothing after — one hour, whatever the delay; the check says so (a warning) and points at `.violated`."""
    rules = RULES.replace("for each restore.violated v", "for each restore.performed_late v")
    compiled = compile_rules(rules, "t.qy")
    assert "accrues_from_performance" in {d.code for d in compiled.findings}
