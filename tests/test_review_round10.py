"""Review of the changes c618a1b..HEAD (phrases, deemed days, unless met late, retroactive extensions).
Each test is a defect: it fails on HEAD."""
import datetime as dt
import json
import sys
from pathlib import Path

import pytest

from engine.api import compile_file, compile_rules
from engine.report.phrase import words

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
from test_new_contract_round12 import run, f, ob, rem, applied_and_accepted  # noqa: E402

DELAY = [f("bd", "buyer_delay", "2025-06-10T10:00:00+08:00"),
         f("ea", "extension_applied", "2025-06-12T10:00:00+08:00", ref="bd")]


# ---------------------------------------------------------------- 1. `for … retroactively` (extend_back)
def test_retroactive_extension_after_the_late_completion_is_known_redates_the_damages():
    """签证 (10 days, applied for in time) signed 08-20, after the completion (08-14, accepted 08-18) is known.
    New end 24:00 08-09: late 08-10 … 08-14 = 5 days -> ¥9,000.00. HEAD moves the due date (report says due
    08-10) but keeps ¥27,000.00 (15 days from the old end): extend_back returns early when the duty was
    performed after the new end, never touching the remedies."""
    r = run(DELAY + [f("dc", "delay_certified", "2025-08-20T10:00:00+08:00", ref="bd", days=10)]
            + applied_and_accepted("2025-08-14T10:00:00+08:00", "2025-08-18T10:00:00+08:00"), "2025-08-25")
    assert ob(r, "complete_works")[0][2] == "2025-08-10T00:00:00+08:00"
    assert [a for s, a in rem(r, "delay_damages") if s == "held"] == ["9000.00"]


def test_retroactive_extension_moves_the_30_day_termination_window():
    """签证 signed 08-20 moves the end to 24:00 08-09; 6.2's 30 days then end 24:00 09-08. Completion applied
    09-05 (accepted 09-10) is within them: 甲方 has no right to terminate. HEAD: the window armed by the
    withdrawn breach (07-30 + 30 = 08-29) still runs out and the right is held, citing the withdrawn breach."""
    r = run(DELAY + [f("dc", "delay_certified", "2025-08-20T10:00:00+08:00", ref="bd", days=10)]
            + applied_and_accepted("2025-09-05T10:00:00+08:00", "2025-09-10T10:00:00+08:00"), "2025-09-20")
    assert [s for s, _ in rem(r, "employer_termination") if s == "held"] == []


# ---------------------------------------------------------------- 2. unless met late
UNLESS = '''contract "U" { calendar official }
party 甲方 "买方" as buyer
party 乙方 "卖方" as seller
event applied "申请"
event accepted "验收" { passed: bool "合格" }
event requested "要求"
event fixed "整改"
clause "1" "竣工" {
  deemed completed "竣工" {
    for each accepted h, applied a where h.passed and a.at <= h.at
    once
    at a
  }
}
clause "2" "后果" {
  obligation fix "整改" {
    debtor 乙方
    creditor 甲方
    for each requested q unless completed c within 10 days
    fulfilled by fixed x
    within 5 days
  }
  remedy right "解除权" {
    holder 甲方
    for each requested q unless completed c within 10 days
    once
  }
}
'''
UNLESS_FACTS = [{"id": "q1", "type": "requested", "at": "2025-07-01T09:00:00+08:00"},
                {"id": "a1", "type": "applied", "at": "2025-07-05T09:00:00+08:00"},
                {"id": "h1", "type": "accepted", "at": "2025-07-20T09:00:00+08:00", "passed": True}]


def _unless_report():
    rules = compile_rules(UNLESS, "u.qy")
    return rules.evaluate([json.dumps(x) for x in UNLESS_FACTS], "2025-08-01")


def test_unless_met_late_undoes_the_duty_as_well_as_the_right():
    """The same `unless completed c within 10 days`, met by the completion deemed at 07-05 and known 07-20:
    the right is withdrawn, but the duty the same window made stays violated (unless_passed keeps remedies only)."""
    r = _unless_report()
    assert [x["status"] for x in r["remedies"] if x["name"] == "right"] == ["withdrawn"]
    # (the duty the window's end made is excused — the contract's own exception applies —, said, not dropped)
    assert [o["status"] for o in r["obligations"] if o["name"] == "fix" and o["status"] != "inactive"] in ([], ["excused"])


def test_event_deemed_at_an_earlier_instant_is_not_said_to_rest_on_an_empty_doubt():
    """deem(): the `deemed_rests_on_doubt` step moved under `if at.at < self.now` — a deemed event known late
    reads '待定：其所依据的  尚待确定' (nothing undetermined)."""
    r = _unless_report()
    (e,) = [e for e in r["events"] if e["name"] == "completed"]
    assert not any(s["code"] == "deemed_rests_on_doubt" and not s["args"]["doubts"] for s in e["steps"]), e["because"]


def test_event_deemed_on_an_undetermined_duty_still_says_so():
    """…and the converse: an event deemed while a duty it reads is undetermined lost its '待定' step (c618a1b
    printed '待定：其所依据的 2小时内回复（answer） 尚待确定')."""
    rules = compile_rules('''contract "B" { calendar official }
party 甲方 "买方" as buyer
party 乙方 "卖方" as seller
event notice_delivered "送达"
event reply "回复"
event ping "催告"
clause "2" "通知" {
  obligation answer "2小时内回复" {
    debtor 甲方
    creditor 乙方
    for each notice_delivered n
    fulfilled by reply r
    within 2 hours
  }
  deemed escalated "升级" {
    for each ping p where not exists(answer.fulfilled)
    at p
  }
}
''', "d.qy")
    facts = [{"id": "n1", "type": "notice_delivered", "at": "2025-07-23"},
             {"id": "r1", "type": "reply", "at": "2025-07-23T23:30:00+08:00"},
             {"id": "p1", "type": "ping", "at": "2025-07-25T10:00:00+08:00"}]
    r = rules.evaluate([json.dumps(x) for x in facts], "2025-08-01")
    (o,) = [o for o in r["obligations"] if o["name"] == "answer"]
    assert o["status"] == "undetermined"
    (e,) = [e for e in r["events"] if e["name"] == "escalated"]
    assert any(s["code"] == "deemed_rests_on_doubt" for s in e["steps"]), e["because"]


def test_unless_met_late_is_not_quadratic(monkeypatch):
    """unless_met_late scans every window that ever ran out (unless_passed, never pruned nor keyed) for each
    event deemed late: 3,000 windows and 3,000 late completions -> ~4.5 million deadline checks (8,000: 18 s
    of a 20 s run). A keyed or pruned look-up checks a handful per event."""
    from engine.time import timecalc
    rules = compile_rules('''contract "U" { calendar official }
party 甲方 "买方" as buyer
party 乙方 "卖方" as seller
event applied "申请" { ref: text "要求" }
event accepted "验收" { ref: text "要求" }
event requested "要求"
clause "1" "竣工" {
  deemed completed "竣工" {
    for each accepted h, applied a where h.ref == a.ref
    at a
  }
}
clause "2" "后果" {
  remedy right "罚款" {
    holder 甲方
    for each requested q unless completed c where c.ref == q.id within 2 days
    amount ¥1.00
  }
}
''', "p.qy")
    n, t0, out = 3000, dt.datetime(2025, 1, 1, 9), []
    for i in range(n):
        t = t0 + dt.timedelta(hours=i)
        out += [{"id": f"q{i}", "type": "requested", "at": t.isoformat() + "+08:00"},
                {"id": f"a{i}", "type": "applied", "at": (t + dt.timedelta(minutes=90)).isoformat() + "+08:00",
                 "ref": f"q{i}"},
                {"id": f"h{i}", "type": "accepted", "at": (t + dt.timedelta(days=5)).isoformat() + "+08:00",
                 "ref": f"q{i}"}]
    out.sort(key=lambda x: x["at"])
    calls = [0]
    real = timecalc.Deadline.is_late

    def counted(self, at):
        calls[0] += 1
        return real(self, at)
    monkeypatch.setattr(timecalc.Deadline, "is_late", counted)
    r = rules.evaluate([json.dumps(x) for x in out], "2026-06-01")
    assert {x["status"] for x in r["remedies"]} == {"withdrawn"}
    assert calls[0] < 50 * n, calls[0]


# ---------------------------------------------------------------- 3. phrases that misstate the rule
HEAD = '''contract "X" { calendar official }
party 甲方 "买方" as buyer
party 乙方 "卖方" as seller
param price "合同价款" = ¥100,000.00
event inspected "检验" { lot: int 1..9 "批次"  passed: bool "合格"  score: decimal "得分" }
event paid "付款" { lot: int 1..9 "批次"  amount: money "付款金额" }
'''


def _said(condition):
    rules = compile_rules(HEAD + f'clause "1" "测试" {{\n obligation o "测试" {{\n  debtor 乙方\n  creditor 甲方\n'
                                 f'  when {condition}\n  fulfilled by paid x\n  within 5 days\n }}\n}}\n', "t.qy")
    (plan,) = [o for o in rules.prepared.obligations if o.decl.name == "o"]
    (t,) = plan.triggers
    return words(t.text.tree, "zh", str(t.text))


def test_double_negation_of_a_yes_no_attribute_is_not_said_as_a_single_one():
    """`not not i.passed` holds for a passed inspection; the phrase says 合格为否 (Phraser.node: Not of an
    ("is", x, False) returns ("is", x, False) again instead of flipping it)."""
    assert _said("exists(inspected i where not not i.passed)") != "存在检验（合格为否）"
    assert "为否" not in _said("exists(inspected i where not (not i.passed))")


def test_a_rounding_step_is_said():
    """`round(x, 0.1)` is worded 'x（四舍五入）' — read as to the unit: 89.5 would round to 90 and pass a
    line of 90, while to 0.1 it stays 89.5 and fails. The step (0.1, ¥100.00 …) must appear in the words."""
    zh = _said("exists(inspected i where round(i.score, 0.1) >= 90)")
    assert "0.1" in zh, zh


def test_a_remedy_with_two_triggers_names_the_duty_that_triggered_it():
    """om-outsourcing incident_points: `for each restore_p1.violated o` / `for each restore_p2.violated o`.
    _aliases() keeps the last binding of `o`, so the amount of a p1 violation reads
    '如该二级故障4小时内恢复（已违约）的发生故障的故障等级为“p1”…' — the wrong duty."""
    rules = compile_file(ROOT / "rules" / "examples" / "om-outsourcing.qy")
    lines = (ROOT / "facts" / "examples" / "om-year-national-day.jsonl").read_text(encoding="utf-8").splitlines()
    r = rules.evaluate(lines, "2026-12-31")
    rows = [x for x in r["remedies"] if x["name"] == "incident_points"]
    assert rows
    for x in rows:  # (the amount's words name no duty: `o` is either one — 该事实; the trigger line names the right one)
        (amount,) = [b for b in x["because"] if b.startswith("金额：")]
        assert "恢复（已违约）" not in amount and "该事实" in amount, amount


def test_consecutive_reads_its_value_in_words():
    """`consecutive(month, a.month for each assessed a)`: the value is phrased outside the pattern's scope
    ('甲方书面确认月度考核得分的a的month（连续计）') — the alias and the attribute name leak into the words."""
    rules = compile_file(ROOT / "rules" / "examples" / "om-outsourcing.qy")
    said = [words(t.text.tree, "zh", str(t.text)) for o in rules.prepared.obligations + rules.prepared.remedies
            for t in o.triggers if "consecutive(" in str(t.text)]
    assert said
    for zh in said:
        assert "a的month" not in zh, zh
