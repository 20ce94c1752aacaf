"""`accelerated by PATTERN [until MOMENT] exercises POWER [held by X]` (`提前到期事件 … 行使 POWER 权利人为 X`): the
declaration uses the right to accelerate — a remedy row held at its instant — and the duties it brings forward say
so; with no such right held, nothing is brought forward (the declaration is not one the contract allows).  The
right is then `exercised`; `exercise within` gives it the contract's period to be used in (9.2 of the loan of round
15: "违约事件发生之日起满6个月甲方未宣布提前到期的，不再宣布"), worded as a right's, not a power to terminate's
(no 民法典第564条)."""
from __future__ import annotations

import json

import pytest

from engine.api import compile_rules
from engine.diagnostics import QiyueError
from seedfacts import on_both_backends

RULES = '''contract "T-ACC" { calendar official }
party 甲方 "贷款人" as lender
party 乙方 "借款人" as borrower
event drawn "放款"
event missed "逾期"
event declared "宣布提前到期" { by: party "宣布方" }
event repaid "还款" { part: int 1..2 "期次" }
clause "9" "提前到期" {
  obligation repay_1 "第一期还款" {
    debtor 乙方
    creditor 甲方
    for each drawn d
    fulfilled by repaid r where r.part == 1
    due by 2026-06-30
    accelerated by declared x where x.by == 甲方 until end of 5 days after x exercises acceleration_right held by 甲方
  }
  obligation repay_2 "第二期还款" {
    debtor 乙方
    creditor 甲方
    for each drawn d
    fulfilled by repaid r where r.part == 2
    due by 2026-12-31
    accelerated by declared x where x.by == 甲方 until end of 5 days after x exercises acceleration_right held by 甲方
  }
  remedy acceleration_right "宣布提前到期的权利" {
    holder 甲方
    for each missed m
    PERIOD
  }
}
'''


def run(facts, as_of, period=""):
    rules = compile_rules(RULES.replace("PERIOD", period), "acc.qy")
    return on_both_backends(rules, [json.dumps(f, ensure_ascii=False) for f in facts], as_of)


def f(fid, ftype, at, **attrs):
    return {"id": fid, "type": ftype, "at": f"{at}T10:00:00+08:00", **attrs}


D = f("d", "drawn", "2026-01-05")


def dues(report):
    return [(o["name"], o["due"][:10]) for o in report["obligations"]]


def test_a_declaration_with_the_right_brings_both_forward_and_uses_it_once():
    """Missed 02-02 → the right; declared Mon 03-02 10:00: both instalments due 5 days after — 03-03 … Sat 03-07, a
    period to act in, moved to Mon 03-09 (03-10T00:00); one row, exercised at 03-02 10:00 — by the one declaration for
    both duties."""
    r = run([D, f("m", "missed", "2026-02-02"), f("x", "declared", "2026-03-02", by="甲方")], "2026-03-03")
    assert dues(r) == [("repay_1", "2026-03-10"), ("repay_2", "2026-03-10")]
    (row,) = [x for x in r["remedies"] if x["name"] == "acceleration_right"]
    assert row["status"] == "exercised"
    assert any("宣布提前到期即行使" in line for o in r["obligations"] for line in o["because"])


def test_a_declaration_without_the_right_brings_nothing_forward():
    """No default (no row) — or the declaration before it: the deadlines stand, and the rows say why."""
    for facts in ([D, f("x", "declared", "2026-03-02", by="甲方")],
                  [D, f("x", "declared", "2026-03-02", by="甲方"), f("m", "missed", "2026-03-05")]):
        r = run(facts, "2026-03-10")
        assert dues(r) == [("repay_1", "2026-07-01"), ("repay_2", "2027-01-01")]
        assert all(any("没有可行使的权利" in line for line in o["because"]) for o in r["obligations"])


def test_a_second_declaration_needs_a_second_right():
    """Declared 03-02 (uses the one right); a second default 03-20 gives another right, held: a declaration of 04-01
    finds nothing more to bring forward, but uses it (both rows then exercised)."""
    r = run([D, f("m", "missed", "2026-02-02"), f("x", "declared", "2026-03-02", by="甲方"),
             f("m2", "missed", "2026-03-20")], "2026-03-25")
    assert [x["status"] for x in r["remedies"] if x["name"] == "acceleration_right"] == ["exercised", "held"]


@pytest.mark.parametrize("declared, due_1", [("2026-08-02", "2026-08-08"), ("2026-08-03", "2027-01-01")])  # (Sun
# 08-02 + 5 days → Fri 08-07: due 08-08T00:00)
def test_the_agreed_period_of_the_right(declared, due_1):
    """`exercise within 6 months as term`: missed 02-02 10:00 → the period's last day is 08-02 (not moved: a Sunday),
    the right gone from 08-03T00:00.  repay_1 fulfilled meanwhile aside, repay_2 (due 12-31) is brought forward by a
    declaration of 08-02, not by one of 08-03 — the right lapsed, worded as a right's (no 第564条)."""
    r = run([D, f("m", "missed", "2026-02-02"), f("r1", "repaid", "2026-06-01", part=1),
             f("x", "declared", declared, by="甲方")], "2026-08-05", "exercise within 6 months as term")
    assert dict(dues(r))["repay_2"] == due_1
    (row,) = [x for x in r["remedies"] if x["name"] == "acceleration_right"]
    if declared == "2026-08-03":
        assert row["status"] == "lapsed"
        assert any(line.startswith("权利消灭") for line in row["because"])
        assert not any("第564条" in line for line in row["because"])


def test_exercises_names_a_remedy():
    with pytest.raises(QiyueError) as exc:
        compile_rules(RULES.replace("PERIOD", "").replace("exercises acceleration_right held by 甲方",
                                                          "exercises accel_right", 1), "acc.qy")
    assert [d.key for d in exc.value.diagnostics] == ["unknown_name.remedy"]
