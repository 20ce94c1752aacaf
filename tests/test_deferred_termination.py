"""A termination that ends the contract later: `at MOMENT` (`于 MOMENT`) in a `termination` — decided at its fact (the
power it exercises held then, or the notice is without right), the contract ending at MOMENT and continuing until
then (民法典第946条: 业主解聘物业服务人，应当提前60日书面通知; a licence ended "自通知送达之日起第90日").  Two new
contracts' authors needed it (rounds 14 and 21): written as a deemed event and a termination on it, a notice given
before the right existed did nothing and said nothing, and the immediate ground read by the same notice called it a
termination without right.

Counted by hand: signed Mon 2025-01-06 10:00, in force then; the exit right "生效满2个月" (a term): 01-07 … 03-06, held
from 2025-03-07T00:00.  A notice Mon 03-10 10:00: day 90 after it — 03-10 + 21 = 03-31, + 30 = 04-30, + 31 = 05-31,
+ 8 = 06-08 — the contract ends at 2025-06-08T00:00."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from engine.api import compile_rules
from engine.diagnostics import QiyueError
from seedfacts import on_both_backends

RULES = '''contract "X" "许可合同" { calendar official }
party 甲方 "许可方" as buyer
party 乙方 "被许可方" as supplier
event signed "签订"
event notice "解除通知" { from: party "发出方" }
event breach "甲方违约"
event request "服务请求"
event answered "答复" { ref: ref (request) "所答复的请求" }
clause "11" "生效" {
  effective in_force "合同生效" { when exists(signed) }
}
clause "4" "答复" {
  obligation answer "答复请求" {
    debtor 甲方
    creditor 乙方
    for each request r
    fulfilled by answered a where a.ref == r.id
    within 5 days
  }
}
clause "10" "解除" {
  remedy exit_right "提前解除权（生效满2个月后）" {
    holder 乙方
    when passed(2 months as term since first(in_force))
    once
  }
  termination licensee_exit "乙方提前解除" {
    for each notice n where n.from == 乙方
    at day 90 after n "通知送达之日起第90日"
    exercises exit_right held by 乙方
  }
  remedy cause_right "违约解除权" {
    holder 乙方
    for each breach b
  }
  termination for_cause "乙方因甲方违约解除" {
    for each notice n where n.from == 乙方
    exercises cause_right held by 乙方
  }
}
'''
COMPILED = compile_rules(RULES, "licence.qy")
SIGN = {"id": "s", "type": "signed", "at": "2025-01-06T10:00:00+08:00"}
NOTICE = {"id": "n", "type": "notice", "at": "2025-03-10T10:00:00+08:00", "from": "乙方"}


def f(fid, ftype, at, **attrs):
    return {"id": fid, "type": ftype, "at": at, **attrs}


def run(facts, as_of, rules=COMPILED):
    return on_both_backends(rules, [json.dumps(x, ensure_ascii=False) for x in facts], as_of)


def codes(report):
    return [x["code"] for x in report["findings"]]


def life(report):
    cl = report["contract_life"]
    return cl["ended"], cl["ended_by"]


@pytest.mark.parametrize("as_of, ended", [
    ("2025-04-01", (None, None)),                                  # decided, not yet ended
    ("2025-06-07T23:59:59+08:00", (None, None)),                   # the last second it is in force
    ("2025-06-08T00:00:00+08:00", ("2025-06-08T00:00:00+08:00", "licensee_exit")),
])
def test_the_contract_ends_on_the_ninetieth_day_and_not_before(as_of, ended):
    report = run([SIGN, NOTICE], as_of)
    assert life(report) == ended
    assert codes(report) == ["termination_deferred"]  # (not termination_without_right for the other ground)
    [power] = [r for r in report["remedies"] if r["name"] == "exit_right"]
    assert (power["status"], power["exercised_at"]) == ("exercised", "2025-03-10T10:00:00+08:00")


def test_a_notice_before_the_right_is_without_right_and_the_contract_continues():
    report = run([SIGN, dict(NOTICE, at="2025-03-06T23:59:59+08:00")], "2025-12-31")
    assert life(report) == (None, None)
    assert codes(report) == ["termination_without_right"]


@pytest.mark.parametrize("at, status", [
    ("2025-05-30T10:00:00+08:00", "violated"),     # due 24:00 06-04, before the end: a breach while in force
    ("2025-06-05T10:00:00+08:00", "discharged"),   # due 24:00 06-10, after the end (第566条)
    ("2025-06-08T00:00:00+08:00", "discharged"),   # at the end itself: arises with it and is discharged (as a
    ("2025-06-08T00:00:01+08:00", None),           # fact at an immediate termination's instant is); after: none
])
def test_duties_arise_until_the_end_and_are_discharged_by_it(at, status):
    report = run([SIGN, NOTICE, f("r", "request", at)], "2025-07-01")
    assert [o["status"] for o in report["obligations"] if o["name"] == "answer" and o["status"] != "inactive"] == \
        ([status] if status else [])


def test_an_immediate_termination_in_between_ends_it_first():
    """A breach 04-01 gives the right to terminate for cause; a second notice 04-02 10:00 ends the contract then —
    the exit right already used, that ground has no power for it, but the notice is not without right."""
    facts = [SIGN, NOTICE, f("b", "breach", "2025-04-01T10:00:00+08:00"),
             f("n2", "notice", "2025-04-02T10:00:00+08:00", **{"from": "乙方"})]
    report = run(facts, "2025-07-01")
    assert life(report) == ("2025-04-02T10:00:00+08:00", "for_cause")
    assert "termination_without_right" not in codes(report)


def test_the_reason_names_the_decision_and_the_end():
    report = run([SIGN, NOTICE], "2025-07-01")
    [ev] = [e for e in report["events"] if e["name"] == "licensee_exit"]
    assert ev["at"] == "2025-06-08T00:00:00+08:00"
    assert ev["because"][-1] == ("2025年3月10日10时 作出的解除，合同于其所定的 2025年6月8日0时 终止（通知送达之日起第90日）；"
                                 "在此之前合同继续有效")


def test_an_end_at_or_before_the_decision_is_the_decision_itself():
    rules = compile_rules(RULES.replace('at day 90 after n "通知送达之日起第90日"', "at n.at.day - 1 days"), "x.qy")
    report = run([SIGN, NOTICE], "2025-04-01", rules)
    assert life(report) == ("2025-03-10T10:00:00+08:00", "licensee_exit")
    assert codes(report) == []


def test_at_on_effective_is_refused_at_its_place():
    with pytest.raises(QiyueError) as e:
        compile_rules(RULES.replace("{ when exists(signed) }", "{ when exists(signed) at 2025-01-01 }"), "bad.qy")
    [d] = e.value.diagnostics
    assert d.code == "unsupported" and d.span.line == 10, (d.code, d.span)


def test_an_end_that_is_not_an_instant_is_refused():
    with pytest.raises(QiyueError) as e:
        compile_rules(RULES.replace('at day 90 after n "通知送达之日起第90日"', "at n.from"), "bad.qy")
    assert [d.code for d in e.value.diagnostics] == ["type_mismatch"]


def test_watch_words_the_end_and_a_period_running_out(tmp_path):
    """`qiyue watch`: the contract ends at day 90 (not at the notice); the exit right arose as a period ran out —
    worded so, not by the engine's key (`time:2025-03-07T00:00:00+08:00`)."""
    import subprocess
    import sys

    rules, facts = tmp_path / "licence.qy", tmp_path / "f.jsonl"
    rules.write_text(RULES, encoding="utf-8")
    facts.write_text("\n".join(json.dumps(x, ensure_ascii=False) for x in (SIGN, NOTICE)), encoding="utf-8")
    root = Path(__file__).resolve().parent.parent
    out = subprocess.run([sys.executable, "-m", "engine.cli", "watch", str(rules), "--facts", str(facts), "--until",
                          "2025-07-01"], capture_output=True, text=True, cwd=root)
    assert out.returncode == 0, out.stderr
    assert "time:" not in out.stdout
    assert "2025年3月7日0时　第10条 乙方 取得救济：提前解除权（生效满2个月后）（exit_right）（由 期间届满）" in out.stdout
    assert "2025年6月8日0时　合同终止（第10条 乙方提前解除（licensee_exit），依据 n）" in out.stdout


REPORT_RULES = RULES.replace('''clause "10" "解除" {''', '''clause "5" "年度报告" {
  obligation year_report "提交年度报告" {
    debtor 甲方
    creditor 乙方
    every 1 year y from first(in_force) until 2030-12-31
    fulfilled by answered a
    due by end of 30 days after earliest(y.end, ended)
    survives
  }
}
clause "10" "解除" {''')


@pytest.mark.parametrize("facts, due", [
    # not ended: the year of days from 2025-01-06 ends at 24:00 2026-01-05; 30 days (01-06 … 02-04, Wed) → 24:00 02-04
    ([SIGN], "2026-02-05T00:00:00+08:00"),
    # ended at 06-08 00:00 (day 90), that day not counted (第201条): 06-09 … 07-08 (Tue) → 24:00 07-08 — counted
    ([SIGN, NOTICE], "2025-07-09T00:00:00+08:00"),  # again at the end
])
def test_a_due_by_reading_the_end_is_counted_again_when_it_comes(facts, due):
    rules = compile_rules(REPORT_RULES, "report.qy")
    report = run(facts, "2025-12-31", rules)
    [row] = [o for o in report["obligations"] if o["name"] == "year_report" and o["status"] != "inactive"]
    assert row["due"] == due


def test_an_announced_end_overtaken_by_an_earlier_one_says_so():
    facts = [SIGN, NOTICE, f("b", "breach", "2025-04-01T10:00:00+08:00"),
             f("n2", "notice", "2025-04-02T10:00:00+08:00", **{"from": "乙方"})]
    before, after = (run(facts, as_of) for as_of in ("2025-04-02T09:00:00+08:00", "2025-07-01"))
    assert codes(before) == ["termination_deferred"]  # (as of 09:00 04-02 the end at day 90 still stands)
    assert codes(after) == ["termination_deferred_overtaken"]
    [said] = after["findings"]
    assert said["message"] == ("解除通知（n）：依 乙方提前解除（licensee_exit） 所作的解除原定合同于 2025年6月8日0时 终止；合同已于 "
                               "2025年4月2日10时 因 乙方因甲方违约解除（for_cause） 先行终止"), said["message"]
