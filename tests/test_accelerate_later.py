"""`accelerated by … with later periods` (`连同以后各期`): a declaration that accelerates a recurring duty brings its
periods not yet begun forward too — a finance lease's 全部租金 (民法典第752条), an instalment sale's 全部价款 (第634条), a
loan's 全部借款提前到期 — each arising at the declaration with its deadline brought forward (contract round 26: the
rents of periods not begun kept their own rent days).  Counted by hand; run on both backends where durable_rules is
installed (the reference and the Rete report must be equal)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from engine.api import compile_rules
from engine.diagnostics import QiyueError

SERIES = '''contract "T-1" "分期还款" {
  calendar official
}

party 甲方 "贷款人" as lender
party 乙方 "借款人" as borrower

event repaid "还款" { month: text "所还月份" }
event declared "宣布提前到期" { }
event defaulted "违约事件" { }

clause "3" "分期还款" {
  remedy acceleration_right "宣布提前到期的权利" {
    holder 甲方
    for each defaulted x
  }
  obligation repay "按月还款" {
    debtor 乙方
    creditor 甲方
    every month m from 2026-01-01 until 2026-12-31
    fulfilled by repaid r where r.month == m.label counting earlier
    due by day_end(m.last_day)
    accelerated by declared d until end of 5 days after d with later periods@POWER@
  }
}
'''
PLAIN = compile_rules(SERIES.replace("@POWER@", ""), "series.qy")
POWERED = compile_rules(SERIES.replace("@POWER@", " exercises acceleration_right held by 甲方"), "series.qy")


def f(fid, ftype, at, **attrs):
    return json.dumps({"id": fid, "type": ftype, "at": at, **attrs}, ensure_ascii=False)


def repay_rows(rules, facts, as_of):
    report = rules.evaluate(facts, as_of)
    try:
        from engine.live import available
    except ImportError:  # pragma: no cover
        available = None
    if available is not None and available():
        assert rules.evaluate(facts, as_of, backend="durable") == report
    return [(o["trigger"], o["status"], o["triggered_at"], o["due"]) for o in report["obligations"]
            if o["name"] == "repay"], report


def test_every_later_period_arises_at_the_declaration_and_falls_due_with_it():
    """Declared Sun 2026-03-15 10:00: until the end of 5 days after it — 03-16 … Fri 03-20 (a working day) → due
    2026-03-21T00:00.  March (running) is brought forward from 04-01T00:00; April … December (not begun) arise at 03-15
    10:00, due 03-21T00:00 too.  April was repaid on 02-20 (`counting earlier`): fulfilled as it arises (its deadline,
    met, is not moved).  As of 06-01 every other one is violated since 03-21."""
    facts = [f("p1", "repaid", "2026-01-20T10:00:00+08:00", month="2026-01"),
             f("p2", "repaid", "2026-02-20T10:00:00+08:00", month="2026-02"),
             f("p4", "repaid", "2026-02-20T11:00:00+08:00", month="2026-04"),
             f("d", "declared", "2026-03-15T10:00:00+08:00")]
    rows, report = repay_rows(PLAIN, facts, "2026-06-01")
    assert [r[0] for r in rows] == [f"2026-{k:02d}" for k in range(1, 13)]
    assert rows[2] == ("2026-03", "violated", "2026-03-01T00:00:00+08:00", "2026-03-21T00:00:00+08:00")
    assert rows[3] == ("2026-04", "fulfilled", "2026-03-15T10:00:00+08:00", "2026-05-01T00:00:00+08:00")
    assert all(r[1:] == ("violated", "2026-03-15T10:00:00+08:00", "2026-03-21T00:00:00+08:00") for r in rows[4:])
    may = next(o for o in report["obligations"] if o["name"] == "repay" and o["trigger"] == "2026-05")
    assert may["because"][0] == ("第3条：期间 2026年5月（2026年5月1日0时 至 2026年5月31日24时）尚未开始；因 2026年3月15日10时 "
                                 "宣布提前到期（d），以后各期一并提前到期，本期义务于此时产生")
    assert any("期限由 2026年5月31日24时 提前至 2026年3月20日24时" in x for x in may["because"])


def test_before_the_declaration_is_due_no_later_period_is_late():
    facts = [f("d", "declared", "2026-03-15T10:00:00+08:00")]
    rows, _ = repay_rows(PLAIN, facts, "2026-03-20T23:00:00+08:00")
    assert [r[1] for r in rows] == ["violated", "violated"] + ["active"] * 10  # (January and February were due already)


def test_without_the_right_to_accelerate_no_period_moves():
    """`exercises acceleration_right`: declared 03-15 before any default — nothing is brought forward, and April …
    December begin on their own first days."""
    facts = [f("d", "declared", "2026-03-15T10:00:00+08:00")]
    rows, _ = repay_rows(POWERED, facts, "2026-05-20")
    assert [r[2] for r in rows[3:5]] == ["2026-04-01T00:00:00+08:00", "2026-05-01T00:00:00+08:00"]
    assert rows[4][3] == "2026-06-01T00:00:00+08:00" and len(rows) == 5


def test_with_the_right_held_every_later_period_moves_and_the_right_is_used_once():
    facts = [f("x", "defaulted", "2026-03-01T10:00:00+08:00"), f("d", "declared", "2026-03-15T10:00:00+08:00")]
    rows, report = repay_rows(POWERED, facts, "2026-06-01")
    assert len(rows) == 12 and all(r[3] == "2026-03-21T00:00:00+08:00" for r in rows[2:])
    assert [(r["status"], r["exercised_at"]) for r in report["remedies"]] == [("exercised", "2026-03-15T10:00:00+08:00")]


def test_a_declaration_after_the_series_ended_brings_nothing():
    facts = [f("d", "declared", "2027-01-05T10:00:00+08:00")]
    rows, _ = repay_rows(PLAIN, facts, "2027-02-01")
    assert len(rows) == 12 and rows[-1][3] == "2027-01-01T00:00:00+08:00"


@pytest.mark.parametrize("words", ["with later periods", "连同以后各期"])
def test_on_a_duty_that_does_not_recur_it_is_refused_naming_the_words(words):
    text = SERIES.replace("@POWER@", "").replace("every month m from 2026-01-01 until 2026-12-31", "for each defaulted x") \
        .replace("fulfilled by repaid r where r.month == m.label counting earlier", "fulfilled by repaid r") \
        .replace("due by day_end(m.last_day)", "within 10 days").replace("with later periods", words)
    with pytest.raises(QiyueError) as err:
        compile_rules(text, "once.qy")
    d = [x for x in err.value.diagnostics if x.code == "accelerated_later_not_series"]
    assert len(d) == 1 and (d[0].span.line, d[0].span.column) == (23, 59) and "not a recurring duty" in d[0].message
    assert d[0].span.end_column == 59 + len(words)
