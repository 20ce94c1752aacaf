"""A termination of part of the contract: `ends only RULE, …` / `仅终止 …` (docs/language.md §4.11).

Three contracts asked for it (the gift's revocation of the unpaid instalments, 第658条; the partnership's exclusion of
one partner, 第969条; contract round 37's partner leaving): the named rules end at the termination's fact, the rest of
the contract stays in force.  The rules are ``tests/contracts/partial_termination.qy``: orders delivered within 5
working days (2), the price paid within 10 working days of a delivery (2), a monthly report within 10 working days of
the month's end (3); 甲方 may cancel the undelivered orders (4, a power, `ends only deliver, late_fee`), waive the
reports (`ends only report`, no power), or end the whole contract.

Counted by hand (2026, no holiday in March; chinese_calendar: 2026-03-02 … 03-31 every Mon–Fri a working day):
- signed Mon 2026-03-02 10:00 → in force then; an order Wed 03-04 10:00 is due 5 working days later: Thu 03-05 (1),
  Fri 03-06 (2), Mon 03-09 (3), Tue 03-10 (4), Wed 03-11 (5) → 2026-03-11 24:00 = 2026-03-12T00:00:00+08:00;
- a delivery Wed 03-04 15:00 → the price within 10 working days: 03-05, 06, 09, 10, 11, 12, 13, 16, 17, 18 →
  2026-03-18 24:00 = 2026-03-19T00:00:00+08:00;
- the March report (the month from 03-02 10:00 to 03-31 24:00) within 10 working days after 03-31 24:00: 04-01 (Wed)
  1, 04-02 2, 04-03 3, [04-04 Sat … 04-06 Mon 清明节 holiday], 04-07 4, 04-08 5, 04-09 6, 04-10 7, [04-11, 04-12 weekend],
  04-13 8, 04-14 9, 04-15 10 → 2026-04-15 24:00 = 2026-04-16T00:00:00+08:00 (checked below against the calendar).
"""
from __future__ import annotations

import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from engine.api import compile_file, compile_rules
from engine.diagnostics import QiyueError

ROOT = Path(__file__).resolve().parent.parent
QY = ROOT / "tests" / "contracts" / "partial_termination.qy"
RULES = compile_file(QY)


def t(s: str) -> str:
    day, hm = s.split(" ")
    return f"{day}T{hm}{':00' if hm.count(':') == 1 else ''}+08:00"


def f(fid, ftype, at, **attrs):
    return {"id": fid, "type": ftype, "at": t(at), **attrs}


SIGNED = [f("s", "contract_signed", "2026-03-02 10:00")]
ORDER = [f("o1", "ordered", "2026-03-04 10:00")]


def notice(fid, at, ground, frm="甲方"):
    return f(fid, "notice", at, ground=ground, **{"from": frm})


def run(facts, as_of, rules=RULES):
    ls = [json.dumps(x, ensure_ascii=False) for x in SIGNED + facts]
    ref = rules.evaluate(ls, t(as_of))
    assert rules.evaluate(ls, t(as_of), backend="durable") == ref
    return ref


def ob(r, name):
    return [(o["trigger"], o["status"], o["due"]) for o in r["obligations"] if o["name"] == name and o["status"] != "inactive"]


def rem(r, name):
    return [(x["status"], x["amount"]) for x in r["remedies"] if x["name"] == name]


def codes(r):
    return [x["code"] for x in r["findings"] if x["code"] != "open_point"]


def life(r):
    return r["contract_life"].get("ended"), r["contract_life"].get("ended_by")


def test_the_calendar_days_counted_on():
    from chinese_calendar import is_workday
    assert all(is_workday(date(2026, 3, d)) == (date(2026, 3, d).weekday() < 5) for d in range(1, 32))
    assert [d for d in range(1, 16) if is_workday(date(2026, 4, d))] == [1, 2, 3, 7, 8, 9, 10, 13, 14, 15]


def test_the_named_duty_is_discharged_and_the_contract_stays_in_force():
    r = run(ORDER + [notice("c", "2026-03-05 10:00", "cancel_orders")], "2026-03-20 12:00")
    assert life(r) == (None, None)
    assert ob(r, "deliver") == [("o1", "discharged", "2026-03-12T00:00:00+08:00")]
    assert codes(r) == ["terminated_in_part"]
    assert rem(r, "cancel_power") == [("exercised", None)]
    o = next(o for o in r["obligations"] if o["name"] == "deliver")
    assert o["because"][-1].startswith("终止履行：本项于 2026年3月5日10时 终止——甲方撤销未交付的订单")
    assert "合同的其他部分继续有效" in o["because"][-1]


def test_nothing_of_the_named_rules_arises_after_it_and_the_rest_does():
    """An order after the cancellation sets off no duty; a delivery of the cancelled order before it still sets off the
    price (2 is not named), due 03-19 00:00."""
    r = run(ORDER + [f("d1", "delivered", "2026-03-04 15:00", order="o1"), notice("c", "2026-03-05 10:00", "cancel_orders"),
                     f("o2", "ordered", "2026-03-06 10:00")], "2026-03-20 12:00")
    assert ob(r, "deliver") == [("o1", "fulfilled", "2026-03-12T00:00:00+08:00")]
    assert ob(r, "pay") == [("d1", "violated", "2026-03-19T00:00:00+08:00")]


def test_an_order_at_the_instant_of_the_cancellation_is_cancelled_with_it():
    """Facts of one instant happen together; from the end's instant (after its facts) the named duties are discharged —
    as a whole contract's end does (docs §4.11)."""
    r = run(ORDER + [f("o3", "ordered", "2026-03-05 10:00"), notice("c", "2026-03-05 10:00", "cancel_orders")],
            "2026-03-20 12:00")
    assert sorted(ob(r, "deliver")) == [("o1", "discharged", "2026-03-12T00:00:00+08:00"),
                                        ("o3", "discharged", "2026-03-13T00:00:00+08:00")]


def test_a_breach_before_it_stays_a_breach_and_its_money_stays_owed():
    """Cancelled Fri 03-13 10:00, after o1 fell due (03-12 00:00): the duty stays violated (第566条: liability for the
    breach survives); late_fee arose 03-12 00:00 and, named, no new row arises — the held row is money, not a power."""
    r = run(ORDER + [notice("c", "2026-03-13 10:00", "cancel_orders"), f("o2", "ordered", "2026-03-14 10:00")],
            "2026-03-20 12:00")
    assert ob(r, "deliver") == [("o1", "violated", "2026-03-12T00:00:00+08:00")]
    assert [x["status"] for x in r["remedies"] if x["name"] == "late_fee"] == ["held"]


def test_the_power_is_spent_a_second_notice_has_no_effect():
    r = run(ORDER + [notice("c", "2026-03-05 10:00", "cancel_orders"), f("o2", "ordered", "2026-03-05 11:00"),
                     notice("c2", "2026-03-06 10:00", "cancel_orders")], "2026-03-20 12:00")
    assert codes(r) == ["terminated_in_part", "termination_without_right"]
    assert life(r) == (None, None)


def test_the_whole_contract_can_still_end_after_a_part_did():
    r = run(ORDER + [f("d1", "delivered", "2026-03-04 15:00", order="o1"), notice("c", "2026-03-05 10:00", "cancel_orders"),
                     notice("x", "2026-03-06 10:00", "all")], "2026-03-20 12:00")
    assert life(r) == ("2026-03-06T10:00:00+08:00", "terminate_all")
    assert ob(r, "pay") == [("d1", "fulfilled", "2026-03-19T00:00:00+08:00")]   # (its own fact: the notice)
    assert codes(r) == ["terminated_in_part"]


def test_after_the_whole_contract_ended_a_part_ends_nothing_more():
    r = run(ORDER + [notice("x", "2026-03-04 12:00", "all"), notice("c", "2026-03-05 10:00", "cancel_orders")],
            "2026-03-20 12:00")
    assert life(r) == ("2026-03-04T12:00:00+08:00", "terminate_all")
    assert ob(r, "deliver") == [("o1", "discharged", "2026-03-12T00:00:00+08:00")]
    assert "terminated_in_part" not in codes(r)


def test_a_notice_before_the_contract_took_effect_ends_nothing():
    r = run([notice("c", "2026-03-01 10:00", "cancel_orders")] + ORDER, "2026-03-20 12:00")
    assert ob(r, "deliver") == [("o1", "violated", "2026-03-12T00:00:00+08:00")]
    assert "terminated_in_part" not in codes(r)


def test_a_recurring_duty_ended_in_part_begins_no_period_after():
    """Reports waived Wed 04-15 10:00: March's report, due 04-16 00:00, was not yet late — discharged; April's period
    (04-01 00:00 …) running — discharged; no period after."""
    r = run([notice("w", "2026-04-15 10:00", "stop_reports")], "2026-06-30 12:00")
    statuses = [x[1] for x in ob(r, "report")]
    assert statuses == ["discharged", "discharged"]
    assert ob(r, "report")[0][2] == "2026-04-16T00:00:00+08:00"


def test_a_recurring_duty_late_before_stays_late():
    r = run([notice("w", "2026-04-16 10:00", "stop_reports")], "2026-06-30 12:00")
    assert [x[1] for x in ob(r, "report")] == ["violated", "discharged"]


def test_the_chinese_keyword_reads_alike():
    text = QY.read_text(encoding="utf-8").replace("ends only deliver, late_fee", "仅终止 deliver, late_fee")
    zh = compile_rules(text, str(QY), base_dir=QY.parent)
    facts = ORDER + [notice("c", "2026-03-05 10:00", "cancel_orders")]
    a, b = run(facts, "2026-03-20 12:00", rules=zh), run(facts, "2026-03-20 12:00")
    assert {k: v for k, v in a.items() if k != "rules"} == {k: v for k, v in b.items() if k != "rules"}


@pytest.mark.parametrize("edit, code, line, col, hint", [
    ("ends only deliver, late_fee", "unknown_name.ends_only", 57, 24, "late_fee"),
])
def test_a_name_not_of_the_file_is_an_error_with_its_place(edit, code, line, col, hint):
    text = QY.read_text(encoding="utf-8").replace(edit, "ends only deliver, late_fe")
    with pytest.raises(QiyueError) as exc:
        compile_rules(text, "x.qy")
    d = exc.value.diagnostics[0]
    assert (d.key, d.span.line, d.span.column, d.did_you_mean) == (code, line, col, hint)


def test_the_errors_of_a_file_come_together():
    text = QY.read_text(encoding="utf-8").replace("ends only deliver, late_fee", "ends only delivr, late_fe") \
        .replace("    when exists(contract_signed c)\n", "    when exists(contract_signed c)\n    ends only pay\n")
    with pytest.raises(QiyueError) as exc:
        compile_rules(text, "x.qy")
    assert sorted(d.key for d in exc.value.diagnostics) == ["unknown_name.ends_only", "unknown_name.ends_only",
                                                            "unsupported.ends_only"]


def test_the_text_report_says_it_in_chinese(tmp_path):
    facts = tmp_path / "f.jsonl"
    facts.write_text("\n".join(json.dumps(x, ensure_ascii=False) for x in SIGNED + ORDER + [
        notice("c", "2026-03-05 10:00", "cancel_orders")]), encoding="utf-8")
    out = subprocess.run([sys.executable, "-m", "engine.cli", "eval", str(QY), "--facts", str(facts), "--as-of",
                          t("2026-03-20 12:00"), "--format", "text"], capture_output=True, text=True, cwd=ROOT)
    assert out.returncode == 0, out.stderr
    assert "交付订单货物（deliver）、逾期交货违约金（late_fee） 于 2026年3月5日10时 终止；合同的其他部分继续有效" in out.stdout
    assert "说明[terminated_in_part]（第4条） 通知（c）：依 甲方撤销未交付的订单（cancel_orders） 终止合同的一部分" in out.stdout


# ------------------------------------------------------------------ `ends only RULE ALIAS where COND`: some rows of a duty

def cancel_one(fid, at, order):
    return {**notice(fid, at, "cancel_one"), "order": order}


def test_one_row_of_a_duty_ends_the_others_go_on():
    """o1 (Wed 03-04 10:00) and o2 (03-04 11:00), both due 03-12 00:00; 甲方 cancels o1 alone Thu 03-05 10:00
    (`ends only deliver d where d.o.id == n.order`): o1's delivery is discharged, o2's runs on and is late."""
    r = run(ORDER + [f("o2", "ordered", "2026-03-04 11:00"), cancel_one("c", "2026-03-05 10:00", "o1")],
            "2026-03-20 12:00")
    assert sorted(ob(r, "deliver")) == [("o1", "discharged", "2026-03-12T00:00:00+08:00"),
                                        ("o2", "violated", "2026-03-12T00:00:00+08:00")]
    assert life(r) == (None, None) and codes(r) == ["terminated_in_part"]


def test_an_order_after_a_cancellation_of_another_arises():
    """o3 on Fri 03-06 10:00, after o1 alone was cancelled: its delivery arises (5 working days: 03-09 … 03-13 → due
    03-13 24:00 = 03-14 00:00)."""
    r = run(ORDER + [cancel_one("c", "2026-03-05 10:00", "o1"), f("o3", "ordered", "2026-03-06 10:00")],
            "2026-03-20 12:00")
    assert sorted(ob(r, "deliver")) == [("o1", "discharged", "2026-03-12T00:00:00+08:00"),
                                        ("o3", "violated", "2026-03-14T00:00:00+08:00")]


def test_a_cancellation_naming_no_row_ends_nothing():
    r = run(ORDER + [cancel_one("c", "2026-03-05 10:00", "o9")], "2026-03-20 12:00")
    assert ob(r, "deliver") == [("o1", "violated", "2026-03-12T00:00:00+08:00")]
    assert codes(r) == ["terminated_in_part"]


def test_a_where_on_a_remedy_is_refused_with_its_place():
    text = QY.read_text(encoding="utf-8").replace("ends only deliver, late_fee", "ends only deliver, late_fee x where true")
    with pytest.raises(QiyueError) as exc:
        compile_rules(text, "x.qy")
    (d,) = exc.value.diagnostics
    assert (d.key, d.span.line, d.span.column) == ("unsupported.ends_only_where", 57, 24)


def test_watch_says_a_row_ended_with_its_part(tmp_path):
    """`qiyue watch` over the same facts: the change says the part of the contract ended, not the contract."""
    facts = tmp_path / "f.jsonl"
    facts.write_text("\n".join(json.dumps(x, ensure_ascii=False) for x in SIGNED + ORDER + [
        cancel_one("c", "2026-03-05 10:00", "o1")]), encoding="utf-8")
    out = subprocess.run([sys.executable, "-m", "engine.cli", "watch", str(QY), "--facts", str(facts), "--once",
                          "--until", t("2026-03-20 12:00")], capture_output=True, text=True, cwd=ROOT)
    assert out.returncode == 0, out.stderr
    assert "第2条 因合同部分终止而终止履行：交付订单货物（deliver）（o1），合同的其他部分继续有效" in out.stdout
    assert "因合同终止而终止履行" not in out.stdout


@pytest.mark.parametrize("edit, col", [
    ("ends only deliver, deliver", 24),  # (a typo for another name? — fuzz round 39)
    ("ends only deliver, deliver d where d.o.id == n.order", 24),  # (the `where` ends nothing the whole does not)
    ("ends only deliver d where d.o.id == n.order, deliver", 50),
])
def test_a_rule_named_twice_once_whole_is_an_error_with_both_places(edit, col):
    text = QY.read_text(encoding="utf-8").replace("ends only deliver, late_fee", edit)
    with pytest.raises(QiyueError) as exc:
        compile_rules(text, "x.qy")
    (d,) = exc.value.diagnostics
    assert (d.key, d.span.line, d.span.column) == ("duplicate_name.ends_only", 57, col)
    assert "x.qy:57:15" in d.message


def test_two_conditions_on_one_duty_are_not_a_duplicate():
    text = QY.read_text(encoding="utf-8").replace(
        "ends only deliver, late_fee", "ends only deliver d where d.o.id == n.order, deliver e where e.o.id == n.order")
    compile_rules(text, "x.qy")


def test_a_part_ended_by_a_condition_is_worded_with_its_condition_not_as_the_whole_duty():
    """`cancel_one` ends `deliver d where d.o.id == n.order`: the finding names the rows the condition names, not the
    whole duty (fuzz round 39: an order matching no row — o9 — read as if every delivery had ended)."""
    r = run(ORDER + [cancel_one("c", "2026-03-05 10:00", "o9")], "2026-03-20 12:00")
    (msg,) = [x["message"] for x in r["findings"] if x["code"] == "terminated_in_part"]
    assert "交付订单货物（deliver）中满足“" in msg and "的各项 于 2026年3月5日10时 终止" in msg
    assert ob(r, "deliver") == [("o1", "violated", "2026-03-12T00:00:00+08:00")]
    en = RULES.evaluate([json.dumps(x, ensure_ascii=False) for x in SIGNED + ORDER + [
        cancel_one("c", "2026-03-05 10:00", "o9")]], t("2026-03-20 12:00"), lang="en")
    (msg,) = [x["message"] for x in en["findings"] if x["code"] == "terminated_in_part"]
    assert "deliver as to the rows where d.o.id == n.order end at" in msg
