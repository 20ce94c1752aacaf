"""A `for each` line whose condition compares an assumption with a reading this run does not take, before
any part that could stop the replay, matches nothing: it is not tested fact by fact (``plans.never_matches``).
Found by the fuzzer (seed 977, facts:8777): 20,000 notices of termination by agreement at one instant made
the seed rules' `by_agreement` join (`… and agreement_record == "a record from each party"`, a reading the
default run does not take) test 4 × 10⁸ pairs before the reading ended each test — minutes, past any bound."""
import json
import time
from pathlib import Path

import pytest

from engine.api import compile_file, compile_rules
from engine.diagnostics import QiyueError

ROOT = Path(__file__).resolve().parent.parent


def test_a_switched_off_join_is_not_tested_pair_by_pair():
    rules = compile_file(ROOT / "rules" / "gzmz-2025-it-ops.qy")
    lines = ['{"id": "s", "type": "contract_signed", "at": "2025-06-27T10:00:00+08:00"}'] + [
        json.dumps({"id": f"t{i}", "type": "termination_notified", "at": "2026-01-30T17:00:00+08:00",
                    "party": "甲方", "ground": "agreement"}, ensure_ascii=False) for i in range(20000)]
    start = time.process_time()
    report = rules.evaluate(lines, "2026-07-20")
    assert time.process_time() - start < 20  # (minutes before; about a second now)
    # (under the default reading one record of the agreement ends the contract, 民法典第562条: the first)
    assert report["contract_life"]["ended"] == "2026-01-30T17:00:00+08:00"


TEXT = """\
contract "N-1" "不匹配" { calendar official }
party 甲方 "买方" as buyer
party 乙方 "卖方" as supplier
assumption mode "读法" = "strict" one of ("strict", "lenient") "测试"
event report "报告" { due: date optional "期限" }
event done "完成"
clause "1" "x" {
  obligation off "关闭" {
    debtor 甲方
    creditor 乙方
    for each report r where mode == "lenient"
    fulfilled by done d
    within 3 days
  }
  obligation late "后置" {
    debtor 甲方
    creditor 乙方
    for each report r where r.at > end of 3 working days after r.due and mode == "lenient"
    fulfilled by done d
    within 3 days
  }
}
"""


def test_a_reading_not_taken_switches_the_line_off_wherever_it_is_written():
    """`late`: its reading is written after a part that would need a year no calendar knows (2099) — the rules
    alone decide the `and`, so nothing of it is computed and no year is asked for (docs/language §8); with
    the other reading both lines run, and `late` meets the year."""
    fact = '{"id": "r1", "type": "report", "at": "2026-01-05T09:00:00+08:00", "due": "2099-01-06"}'
    rules = compile_rules(TEXT, "n.qy")
    never = {plan.decl.name for plan, t in rules.prepared.all_triggers() if t.kind == "for_each" and t.never}
    assert never == {"off", "late"}
    report = rules.evaluate([fact], "2026-03-01")
    assert not [o for o in report["obligations"] if o["triggered_at"]]
    assert "calendar_year_unknown" not in [f["code"] for f in report["findings"]]
    lenient = compile_rules(TEXT, "n.qy", assume={"mode": '"lenient"'})
    assert not {plan.decl.name for plan, t in lenient.prepared.all_triggers() if t.kind == "for_each" and t.never}
    with pytest.raises(QiyueError) as exc:  # (by default a year no calendar knows stops the evaluation)
        lenient.evaluate([fact], "2026-03-01")
    assert [(d.code, d.args["year"]) for d in exc.value.diagnostics] == [("calendar_year_unknown", 2099)]
    lenient = compile_rules(TEXT.replace("calendar official", "calendar official calendar fallback undetermined"),
                            "n.qy", assume={"mode": '"lenient"'})
    report = lenient.evaluate([fact], "2026-03-01")
    assert [o["name"] for o in report["obligations"] if o["triggered_at"]] == ["off"]
    assert [f["code"] for f in report["findings"]].count("calendar_year_unknown") == 1


def test_a_join_looks_only_at_partners_that_pass_their_own_plain_parts():
    """Under the other reading the join runs: a notice by 甲方 pairs only with notices by 乙方 — the
    partners that pass `u.party == 乙方` are kept as they come (``PatternPlan.filters``), and a notice that
    fails its own plain parts pairs with nothing, without a pair tested. 20,000 notices by one party:
    no pair (4 × 10⁸ pairs before); three and two: six."""
    rules = compile_file(ROOT / "rules" / "gzmz-2025-it-ops.qy", assume={"agreement_record": "a record from each party"})
    signed = '{"id": "s", "type": "contract_signed", "at": "2025-06-27T10:00:00+08:00"}'

    def notices(parties):
        return [signed] + [json.dumps({"id": f"t{i}", "type": "termination_notified", "at": "2026-01-30T17:00:00+08:00",
                                       "party": p, "ground": "agreement"}, ensure_ascii=False)
                           for i, p in enumerate(parties)]
    start = time.process_time()
    report = rules.evaluate(notices(["甲方"] * 20000), "2026-07-20")
    assert time.process_time() - start < 20
    assert report["contract_life"]["ended"] is None  # (one party's records alone end nothing)
    ev = rules.run(rules.load_facts(notices(["甲方", "乙方", "甲方", "乙方", "甲方"])), "2026-07-20")
    assert ev.ended is not None and ev.ended_by.attrs["source"] in {"t0", "t1", "t2", "t3", "t4"}
