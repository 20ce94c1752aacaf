"""`ref ahead` (`可指向其后`): a reference that may name a fact still to come — an advance notice names the change it
announces (seed 10.2: "须在变更前10日以书面形式通知对方"; counsel round 17).  Without it a reference to a later fact is
warned of (`ref_to_later_fact`) and refused by a stream read as it grows (`unknown_ref.so_far`); with it, neither."""
from __future__ import annotations

import json

import pytest

from engine.api import compile_rules
from engine.diagnostics import QiyueError

RULES = '''contract "T-AHEAD" { calendar official }
party 甲方 "A" as a
party 乙方 "B" as b
event moved "地址变更" { party: party "变更方" }
event notice "通知" { ref: ref (moved) AHEAD "所通知的变更" }
clause "10.2" "地址变更" {
  obligation tell "提前通知" {
    debtor 乙方
    creditor 甲方
    for each moved c where c.party == 乙方
    fulfilled by notice n where n.ref == c.id counting earlier
    within 10 days before c
  }
}
'''
FACTS = [{"id": "n", "type": "notice", "at": "2025-09-01T10:00:00+08:00", "ref": "c"},
         {"id": "c", "type": "moved", "at": "2025-09-15T10:00:00+08:00", "party": "乙方"}]


def _lines(facts):
    return [json.dumps(f, ensure_ascii=False) for f in facts]


@pytest.mark.parametrize("ahead, warned", [("ahead", False), ("可指向其后", False), ("", True)])
def test_a_notice_naming_the_change_it_announces(ahead, warned):
    """Notice 09-01, change 09-15: 10 days before → last day 09-05, the notice in time either way; the warning only
    without `ahead`."""
    report = compile_rules(RULES.replace("AHEAD", ahead), "a.qy").evaluate(_lines(FACTS), "2025-10-01")
    (o,) = report["obligations"]
    assert o["status"] == "fulfilled"
    assert ("ref_to_later_fact" in {f["code"] for f in report["findings"]}) is warned


def test_before_the_change_the_id_it_names_is_no_error():
    """As of 09-05 the change has not happened: the notice's id names no fact of the stream yet — no error with
    `ahead` (the live session likewise); without it, `unknown_ref`."""
    ahead = compile_rules(RULES.replace("AHEAD", "ahead"), "a.qy")
    assert [o["status"] for o in ahead.evaluate(_lines(FACTS[:1]), "2025-09-05")["obligations"]] == ["inactive"]
    session = ahead.session()
    session.add(_lines(FACTS[:1]))
    session.add(_lines(FACTS[1:]))
    session.advance("2025-10-01")
    assert session.report() == ahead.evaluate(_lines(FACTS), "2025-10-01")
    with pytest.raises(QiyueError) as exc:
        compile_rules(RULES.replace("AHEAD", ""), "a.qy").evaluate(_lines(FACTS[:1]), "2025-09-05")
    assert exc.value.diagnostics[0].key == "unknown_ref"


def test_ahead_is_a_refs_option_only():
    with pytest.raises(QiyueError) as exc:
        compile_rules(RULES.replace('ref: ref (moved) AHEAD', 'ref: text ahead'), "a.qy")
    assert [d.key for d in exc.value.diagnostics] == ["ahead_not_ref"]
