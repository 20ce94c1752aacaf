"""`caveat if COND "…"` (`须注意条件`): what the contract leaves to be judged case by case (8.4: a certified force
majeure "允许相应延期履行……可根据具体情况部分或全部免于承担违约责任") is said beside a breach — in the duty's reasons and
in those of the remedy its breach gives —, its status unchanged (counsel rounds 15, 29, 30).  Both backends where
durable_rules is installed."""
from __future__ import annotations

import pytest

from engine.api import compile_rules
from engine.diagnostics import QiyueError
from test_once_per_value import f, report
CAVEAT = '''contract "T-2" "付款" {
  calendar official
}

party 甲方 "买方" as buyer
party 乙方 "卖方" as supplier

event ordered "订货" { }
event paid "付款" { }
event hit "不可抗力" { party: party "受影响方" }

clause "3" "付款" {
  obligation pay "付款" {
    debtor 甲方
    creditor 乙方
    for each ordered o
    fulfilled by paid p
    within 5 days
    caveat if exists(hit h where h.party == 甲方 and h.at >= o.at) "甲方遭遇不可抗力：是否延期须个案判断"
  }
  remedy damages "违约金" {
    holder 乙方
    for each pay.violated v
    amount ¥100.00
  }
}
'''


@pytest.mark.parametrize("with_hit", [False, True])
def test_a_caveat_is_said_in_the_breach_and_its_remedy_and_changes_no_status(with_hit):
    """Ordered Mon 2026-06-01 10:00: 5 days 06-02 .. 06-06 (Sat) → Mon 06-08 → due 06-09T00:00; unpaid: violated."""
    facts = [f("o", "ordered", "2026-06-01T10:00:00+08:00")]
    if with_hit:
        facts.append(f("h", "hit", "2026-06-03T10:00:00+08:00", party="甲方"))
    rep = report(compile_rules(CAVEAT, "caveat.qy"), facts, "2026-06-20")
    (o,) = [x for x in rep["obligations"] if x["name"] == "pay"]
    (d,) = [x for x in rep["remedies"] if x["name"] == "damages"]
    assert (o["status"], o["due"]) == ("violated", "2026-06-09T00:00:00+08:00")
    said = [b for b in o["because"] if "须个案判断" in b]
    assert len(said) == (1 if with_hit else 0) and (not said or said[0].startswith("第3条：须注意："))
    assert any("须个案判断" in b for b in d["because"]) == with_hit


def test_a_caveat_needs_a_condition_and_its_words():
    with pytest.raises(QiyueError) as e:
        compile_rules(CAVEAT.replace(' "甲方遭遇不可抗力：是否延期须个案判断"', ""), "caveat.qy")
    assert e.value.diagnostics[0].code == "syntax_error" and e.value.diagnostics[0].span.line > 0
    with pytest.raises(QiyueError) as e:
        compile_rules(CAVEAT.replace("caveat if exists(hit h where h.party == 甲方 and h.at >= o.at)",
                                     "caveat if o.at"), "caveat.qy")
    assert e.value.diagnostics[0].code == "type_mismatch"


def test_a_remedy_says_its_own_caveat_as_its_row_arises():
    """`caveat if` in a remedy: said in the row's reasons where the condition holds as the row arises, not otherwise;
    the row is held either way (counsel round 32: 2.1(3)'s deduction beside 8.4)."""
    import json as _json

    from engine.api import compile_rules as _compile
    rules = _compile('''contract "C" "x" { calendar official }
party 甲方 "买方" as buyer
party 乙方 "卖方" as supplier
event hit "不可抗力" { }
event outage "中断" { }
clause "2" "扣减" {
  remedy deduct "扣减保证金" {
    holder 甲方
    for each outage o
    caveat if exists(hit h where h.at <= o.at) "此前曾有不可抗力：须根据具体情况判断"
  }
}
''', "c.qy")

    def rows(*facts):
        lines = [_json.dumps({"id": i, "type": t, "at": a}) for i, t, a in facts]
        return [(r["status"], any("须根据具体情况判断" in b for b in r["because"]))
                for r in rules.evaluate(lines, "2026-06-30")["remedies"]]
    assert rows(("o", "outage", "2026-06-02T10:00:00+08:00")) == [("held", False)]
    assert rows(("h", "hit", "2026-06-01T10:00:00+08:00"), ("o", "outage", "2026-06-02T10:00:00+08:00")) == \
        [("held", True)]
    assert rows(("o", "outage", "2026-06-02T10:00:00+08:00"), ("h", "hit", "2026-06-03T10:00:00+08:00")) == \
        [("held", False)]
