"""A power to terminate the contract gives a period to exercise in (民法典第564条第1款: "当事人约定解除权行使期限，期限届满
当事人不行使的，该权利消灭") — `exercise within 30 days` from when the power arose, or `exercise until term.end` —
lapses unused at its end, in place of the year of 第564条第2款 (which applies only where the parties set none).  New
contract round 14: a licensee's exit right "生效满2年后…提前90日书面通知" for the rest of the term lapsed after one year.
Hand counts: 第201条 (from the next day), 第203条 (the last day ends at 24:00, moved off a rest day when counted as a period
to act)."""
from __future__ import annotations

import json

import pytest

from engine.api import compile_rules
from engine.diagnostics import QiyueError

RULES = '''contract "E" { calendar official }
party 甲方 "买方" as buyer
party 乙方 "卖方" as seller
event signed "签订"
event late "逾期"
event notice "解除通知" { party: party "解除方" }
period term "合同期" = 6 months as term after first(signed)
clause "1" "解除" {
  remedy quick "逾期解除权" {
    holder 甲方
    for each late x
    exercise within 30 days
  }
  remedy long "期内解除权" {
    holder 乙方
    for each late x
    exercise until term.end
  }
  remedy statutory "法定期间的解除权" {
    holder 甲方
    for each late x where false
  }
  termination by_buyer "买方解除" {
    for each notice n where n.party == 甲方
    exercises quick held by 甲方
  }
  termination by_seller "卖方解除" {
    for each notice n where n.party == 乙方
    exercises long held by 乙方
  }
}
'''
RULES_ZH = RULES.replace("exercise within 30 days", "行使期限 30日").replace("exercise until term.end", "行使期限至 term.end")
SIGNED = {"id": "s", "type": "signed", "at": "2026-01-05T10:00:00+08:00"}
LATE = {"id": "x", "type": "late", "at": "2026-02-02T10:00:00+08:00"}


def _notice(at, party):
    return {"id": "n", "type": "notice", "at": at, "party": party}


def _run(facts, as_of, text=RULES):
    return compile_rules(text, "e.qy").evaluate([json.dumps(f, ensure_ascii=False) for f in facts], as_of)


def _row(report, name):
    [r] = [r for r in report["remedies"] if r["name"] == name]
    return r


@pytest.mark.parametrize("text", [RULES, RULES_ZH], ids=["english", "chinese"])
def test_a_power_lapses_at_the_end_of_the_period_the_contract_gives(text):
    """quick: 30 days from 02-02 10:00 — from 02-03, the 30th day Wed 03-04 (a working day) → lapsed at 03-05 00:00;
    long: until the 6-month term's end, 07-05 24:00 (a term, not moved) → lapsed then."""
    report = _run([SIGNED, LATE], "2026-09-01", text)
    quick, long = _row(report, "quick"), _row(report, "long")
    assert quick["status"] == long["status"] == "lapsed"
    assert any("约定的行使期限" in line and "2026年3月4日24时" in line and "第564条第1款" in line for line in quick["because"])
    assert any("2026年7月5日24时" in line and "第564条第1款" in line for line in long["because"])


def test_a_notice_on_the_last_day_exercises_the_power():
    """A notice of 甲方 at 23:59 on 03-04, the last day: the contract ends by it; quick is exercised."""
    report = _run([SIGNED, LATE, _notice("2026-03-04T23:59:00+08:00", "甲方")], "2026-09-01")
    assert report["contract_life"]["ended_by"] == "by_buyer"
    assert _row(report, "quick")["status"] == "exercised"


def test_a_notice_after_the_period_ends_nothing():
    """A notice of 甲方 at 00:00 on 03-05 — the first instant after the period: the power had lapsed; the contract goes
    on (termination_without_right)."""
    report = _run([SIGNED, LATE, _notice("2026-03-05T00:00:00+08:00", "甲方")], "2026-09-01")
    assert report["contract_life"]["ended"] is None
    assert _row(report, "quick")["status"] == "lapsed"
    assert "termination_without_right" in [f["code"] for f in report["findings"]]


def test_the_power_lasts_past_a_year_when_the_contract_says_so():
    """long: with the term of 18 months (to 2027-07-05 24:00), a notice of 乙方 on 2027-03-01 — more than a year after the
    power arose (the year of 第564条第2款 would end 2027-02-02) — still ends the contract."""
    text = RULES.replace("6 months as term", "18 months as term")
    report = _run([SIGNED, LATE, _notice("2027-03-01T10:00:00+08:00", "乙方")], "2027-04-01", text)
    assert report["contract_life"]["ended_by"] == "by_seller"
    assert _row(report, "long")["status"] == "exercised"


def test_a_period_to_exercise_in_is_only_a_powers():
    """statutory is exercised by no termination: a period written on it is refused, at its line, with a hint."""
    text = RULES.replace('for each late x where false\n', 'for each late x where false\n    exercise within 10 days\n')
    with pytest.raises(QiyueError) as exc:
        compile_rules(text, "e.qy")
    [d] = exc.value.diagnostics
    assert d.code == "exercise_not_power" and d.span.line == 22
    assert "行使期限" in d.text("zh")
