"""A skeptical review of the session 8c317da..HEAD (agg-vs-agg on the Rete, per-day amounts rounded once, a `once`
power's further grounds, accrued( ) unknown, `due by` known late, the seed's round-7 edits).  Each test is one
finding cut down to a few lines; every one of them fails on HEAD.

Calendar days used (official calendar): 2024 — Fri 02-16, Tue 02-20 working; 2026 — Mon 03-02 … Fri 03-06 working,
Sat 03-07, Sun 03-08 rest; 2025 — Mon 03-03, Tue 06-03, Wed 09-03 working; 2026 — Wed 03-04 … Thu 06-04 working.

(Environment note: the editable install maps ``engine.grammar`` to /work/main/grammar; a copy of the repository
needs ``engine/grammar -> ../grammar`` or it parses with another checkout's grammar.)
"""
from __future__ import annotations

import json
import textwrap

import pytest

from engine.api import compile_file, compile_rules

HEAD = '''\
contract "X" { calendar official }
party 甲方 "甲" as buyer
party 乙方 "乙" as supplier
'''


def compiled(rules):
    return compile_rules(HEAD + textwrap.dedent(rules), "x.qy")


def run(rules, facts, as_of, backend="reference"):
    c = compiled(rules) if isinstance(rules, str) else rules
    return c.evaluate([json.dumps(x, ensure_ascii=False) for x in facts], as_of, backend=backend)


def f(fid, ftype, at, **attrs):
    return {"id": fid, "type": ftype, "at": at, **attrs}


def obligations(report, name):
    return [o for o in report["obligations"] if o["name"] == name]


def remedies(report, name):
    return [r for r in report["remedies"] if r["name"] == name]


def backend_or_skip(backend):
    if backend == "durable":
        pytest.importorskip("durable")


DRAWINGS = '''
event contract_signed "签订"
event commencement_notice "开工通知" { start_date: date "开工日期" }
event drawings_provided "提供图纸"
event paid "付款" { amount: money "金额" }
event agreed_end "协商解除"
event claim "索赔"
clause "11" "生效" {
  effective contract_effective "合同生效" {
    when exists(contract_signed)
  }
}
clause "2" "图纸" {
  obligation provide_drawings "提供图纸" {
    debtor 甲方
    creditor 乙方
    for each contract_effective e
    FULFILMENT
    due by day_end(first(commencement_notice).start_date - 14 days)
  }
}
clause "9" "解除" {
  termination by_agreement "协商解除" {
    for each agreed_end a
  }
}
clause "3" "索赔" {
  remedy claim_right "索赔权" {
    holder 乙方
    for each claim c where exists(provide_drawings.violated)
    amount ¥100.00
  }
}
'''
BY_FACT = DRAWINGS.replace("FULFILMENT", "fulfilled by drawings_provided d")
BY_CONDITION = DRAWINGS.replace("FULFILMENT", "fulfilled when sum(p.amount for each paid p) >= ¥100.00")
SIGNED = f("s", "contract_signed", "2024-01-02T10:00:00+08:00")
NOTICE = f("n", "commencement_notice", "2024-02-20T10:00:00+08:00", start_date="2024-03-01")


# ---------------------------------------------------------------- 1. `fulfilled when` + `due by` known late
@pytest.mark.parametrize("backend", ["reference", "durable"])
@pytest.mark.parametrize("paid_at,status,fulfilled_at", [
    # paid after the deadline (24:00 of 02-16), before the notice made it known: late, performed late on 02-18
    ("2024-02-18T10:00:00+08:00", "violated", "2024-02-18T10:00:00+08:00"),
    # paid in time: fulfilled when the payment came, not at the duty's trigger
    ("2024-02-10T10:00:00+08:00", "fulfilled", "2024-02-10T10:00:00+08:00"),
])
def test_a_condition_duty_whose_deadline_is_known_late_is_not_fulfilled_at_its_trigger(backend, paid_at, status,
                                                                                     fulfilled_at):
    """retry_due_by → await_performance(known_late=True) → `if plan.fulfil_when(env): self.fulfil(inst, None,
    moment)` with ``moment`` = the trigger: a `fulfilled when` duty whose condition holds when the deadline becomes
    known is "fulfilled" at 2024-01-02 10:00 — even when the payment came two days after the deadline ("履行条件 …
    于 2024年1月2日10时 成就（由 2024年2月18日10时 付款 … 满足）").  The late payment must be a violation at
    2024-02-17T00:00, performed late on 02-18."""
    backend_or_skip(backend)
    facts = [SIGNED, f("p", "paid", paid_at, amount="100.00"), NOTICE]
    (o,) = obligations(run(BY_CONDITION, facts, "2024-04-01", backend), "provide_drawings")
    assert o["due"] == "2024-02-17T00:00:00+08:00"
    assert (o["status"], o["fulfilled_at"]) == (status, fulfilled_at), o["because"]


# ---------------------------------------------------------------- 2. known late after the contract ended
@pytest.mark.parametrize("backend", ["reference", "durable"])
@pytest.mark.parametrize("notice_at", ["2024-02-20T10:00:00+08:00", "2024-02-10T10:00:00+08:00"])
def test_a_deadline_known_after_the_contract_ended_does_not_make_a_discharged_duty_violated(backend, notice_at):
    """The contract ends by agreement on 2024-02-05; the commencement notice (after the end) makes the drawings'
    deadline known (24:00 of 02-16, itself after the end).  time-and-law.md: "Once it is terminated, duties not yet
    performed end (discharged): they are not violated afterwards."  The engine: violated at 2024-02-17T00:00 —
    retry_due_by moves an UNDETERMINED duty to ACTIVE after on_end has run, and it is then violated."""
    backend_or_skip(backend)
    facts = [SIGNED, f("a", "agreed_end", "2024-02-05T10:00:00+08:00"),
             f("n", "commencement_notice", notice_at, start_date="2024-03-01")]
    report = run(BY_FACT, facts, "2024-04-01", backend)
    assert report["contract_life"]["ended"] == "2024-02-05T10:00:00+08:00"
    (o,) = obligations(report, "provide_drawings")
    assert o["status"] in ("discharged", "undetermined"), o["because"]


# ---------------------------------------------------------------- 3. the seed: performed in full by the expiry
def test_a_termination_after_everything_was_performed_and_the_guarantee_expired_has_no_effect(seed):
    """Round 7 made 2.1(2)'s "或银行保函到期自动失效" perform release_bond (performance_bond_expired), but the param
    performed_in_full still asks for `exists(bond_release_assisted)` when a performance guarantee was submitted.
    Accepted Tue 2026-09-01, everything paid, handover 09-02, the guarantee (valid to 2026-09-28) expired within the
    30 days: release_bond is fulfilled.  甲方's notice on 2026-10-20 comes after full performance: under the seed's
    own reading (termination_after_performance = "no effect") it ends nothing and carries no 5% — exactly what the
    same facts with an assisted release give.  The engine: buyer_without_cause, ¥349,000.00."""
    from test_counsel_round7 import _lapsing_guarantee

    facts = _lapsing_guarantee("2026-09-01T10:00:00+08:00") + [
        {"id": "t", "type": "termination_notified", "at": "2026-10-20T10:00:00+08:00", "party": "甲方",
         "ground": "other"}]
    report = seed.evaluate([json.dumps(x, ensure_ascii=False) for x in facts], "2026-11-01")
    assert [o["status"] for o in obligations(report, "release_bond")] == ["fulfilled"]
    assert report["contract_life"]["ended_by"] is None
    assert not remedies(report, "unjustified_termination_damages")
    assert "termination_after_performance" in [x["code"] for x in report["findings"]]


# ---------------------------------------------------------------- 4. evaluate_many vs evaluate (due by, deemed)
DEEMED = '''
event signed "签订"
event delivered "交付"
event inspected "验收"
event done "完成"
event other "其他"
clause "11" "生效" {
  effective contract_effective "合同生效" {
    when exists(signed)
  }
}
clause "5" "验收" {
  obligation inspect "验收" {
    debtor 甲方
    creditor 乙方
    for each delivered d
    fulfilled by inspected i
    within 3 days
  }
  deemed accepted "视为验收" {
    for each inspect.violated o
    once
    at o
  }
  obligation finish "完成" {
    debtor 乙方
    creditor 甲方
    for each contract_effective e
    fulfilled by done x
    due by first(accepted).at + 2 days
  }
}
'''
DEEMED_FACTS = [f("s", "signed", "2026-03-02T10:00:00+08:00"), f("d", "delivered", "2026-03-03T10:00:00+08:00")]


@pytest.mark.parametrize("backend", ["reference", "durable"])
def test_evaluate_many_agrees_with_evaluate_when_a_deemed_event_makes_a_deadline_known(backend):
    """Delivered Tue 03-03 10:00, not inspected within 3 days: acceptance deemed at 24:00 of Fri 03-06; `finish` is
    due 2 days after it, 24:00 of Sun 03-08.  evaluate at 03-07 12:00 says active (due 03-09T00:00), at 03-09 12:00
    violated.  evaluate_many([03-07 12:00, 03-09 12:00, 03-20]) says undetermined at both stops: retry_due_by runs
    after a fact batch and at the very end of the replay, never at a stop (Evaluation.stop)."""
    backend_or_skip(backend)
    c = compiled(DEEMED)
    lines = [json.dumps(x, ensure_ascii=False) for x in DEEMED_FACTS]
    stops = ["2026-03-07T12:00:00+08:00", "2026-03-09T12:00:00+08:00", "2026-03-20T00:00:00+08:00"]
    many = c.evaluate_many(lines, stops, backend=backend)
    for at, got in zip(stops, many):
        alone = c.evaluate(lines, at, backend=backend)
        assert [(o["status"], o["due"]) for o in obligations(got, "finish")] == \
            [(o["status"], o["due"]) for o in obligations(alone, "finish")], at


def test_due_by_known_says_when_the_value_became_known():
    """The same deemed acceptance (24:00 of 03-06) with an unrelated fact on 03-10 10:00: the explanation says
    "至 2026年3月10日10时 方可确定" — the instant of the next fact, when the retry happened, not when the value became
    known (03-07T00:00)."""
    facts = DEEMED_FACTS + [f("x", "other", "2026-03-10T10:00:00+08:00")]
    (o,) = obligations(run(DEEMED, facts, "2026-03-20"), "finish")
    (known,) = [s for s in o["steps"] if s["code"] == "due_by_known"]
    assert known["args"]["at"]["at"] == "2026-03-07T00:00:00+08:00", o["because"]


# ---------------------------------------------------------------- 5. a determined duty still counted as a doubt
@pytest.mark.parametrize("backend", ["reference", "durable"])
def test_a_duty_whose_deadline_became_known_leaves_no_doubt_on_later_rules(backend):
    """The notice of 02-20 sets the deadline (24:00 of 02-16): provide_drawings is violated.  A claim on 02-22 whose
    condition is `exists(provide_drawings.violated)` is a held right of ¥100.00.  The engine: undetermined, "是否产生
    取决于尚待确定的 提供图纸（provide_drawings）" — mark_undetermined added the name to Evaluation.undetermined and
    retry_due_by never takes it out."""
    backend_or_skip(backend)
    facts = [SIGNED, NOTICE, f("c", "claim", "2024-02-22T10:00:00+08:00")]
    report = run(BY_FACT, facts, "2024-02-25", backend)
    assert [o["status"] for o in obligations(report, "provide_drawings")] == ["violated"]
    (r,) = remedies(report, "claim_right")
    assert (r["status"], r["amount"]) == ("held", "100.00"), r["because"]


# ---------------------------------------------------------------- 6. retry_due_by: quadratic
def test_duties_waiting_for_a_deadline_are_not_tried_again_at_every_fact(monkeypatch):
    """Each order's duty is due by the start date a notice will give; no notice comes.  retry_due_by evaluates
    every waiting duty's `due by` after every fact: n orders → n²/2 evaluations (measured: 1,000 / 2,000 / 4,000
    orders 0.42 s / 1.53 s / 6.36 s, against 0.04 / 0.08 / 0.16 s with `within 3 days`).  A retry should be driven
    by the facts the deadline reads (here: commencement_notice), not by every fact."""
    from engine.run import evaluator

    calls = [0]
    real = evaluator.end_moment

    def counting(v):
        calls[0] += 1
        return real(v)

    monkeypatch.setattr(evaluator, "end_moment", counting)
    rules = '''
    event order "委托" { n: int "编号" }
    event notice "开工通知" { start_date: date "开工日期" }
    event delivered "交付" { n: int "编号" }
    clause "2" "交付" {
      obligation deliver "交付" {
        debtor 乙方
        creditor 甲方
        for each order o
        fulfilled by delivered d where d.n == o.n
        due by day_end(first(notice).start_date)
      }
    }
    '''
    n = 300
    facts = [f(f"o{i}", "order", f"2026-01-{5 + i // 100:02d}T{9 + (i % 100) // 10:02d}:{(i % 10) * 5:02d}:00+08:00", n=i)
             for i in range(n)]
    report = run(rules, facts, "2026-06-01")
    assert len(obligations(report, "deliver")) == n
    assert calls[0] < 20 * n, calls[0]


# ---------------------------------------------------------------- 7. a once power with two holders
ONCE_TWO_HOLDERS = '''
event late "逾期" { n: int "期" }
event signed "签署"
event notice "通知"
effective contract_effective "合同生效" { when exists(signed) }
clause "8" "解除" {
  remedy power "解除权" {
    holder 甲方, 乙方
    for each late l
    once
  }
  termination terminates "解除" {
    for each notice t
    exercises power
  }
}
'''


@pytest.mark.parametrize("backend", ["reference", "durable"])
@pytest.mark.parametrize("g3,as_of", [("2025-09-03T10:00:00+08:00", "2026-03-05"),  # g3 waiting while P1 is held
                                       ("2026-04-03T10:00:00+08:00", "2026-04-05")])  # g3 while g2's power is held
def test_a_once_power_held_by_both_parties_is_one_power_at_a_time(backend, g3, as_of):
    """`holder 甲方, 乙方` + `once` ("任意一方均有权终止合同"), grounds on 2025-03-03 (g1), 06-03 (g2) and g3.  g1's
    powers lapse at 2026-03-04T00:00 (第564条第2款).  The first of the two rows to lapse pops g2 (re-adding the `once`
    key); the second row's lapse discards that key again and pops g3: g2's and g3's powers are held together, and a
    ground arising while g2's power is held makes another one at once.  Expected: only g2's (one row per holder)."""
    backend_or_skip(backend)
    facts = [f("s", "signed", "2025-01-02T10:00:00+08:00"), f("g1", "late", "2025-03-03T10:00:00+08:00", n=1),
             f("g2", "late", "2025-06-03T10:00:00+08:00", n=2), f("g3", "late", g3, n=3)]
    report = run(ONCE_TWO_HOLDERS, facts, as_of, backend)
    held = sorted((r["trigger"], r["holder"]) for r in remedies(report, "power") if r["status"] == "held")
    assert held == [("g2", "乙方"), ("g2", "甲方")]


# ---------------------------------------------------------------- 8. a cap reading an unknown accrued( )
def test_a_cap_that_reads_an_unknown_accrued_total_is_not_dropped():
    """`total at most accrued(retention)` where retention's amount (3% of a settlement not yet recorded) is unknown:
    accrued( ) is now None, and Evaluation.accrue skips a cap that is None — the damages come to ¥27,000.00 as if the
    contract set no cap, and the explanation never mentions it (before the change: capped at ¥0.00).  The cap is not
    known, so neither is the amount (or at the very least the report must say the cap could not be computed)."""
    rules = '''
    event settled "结算" { amount: money "结算价" }
    event period_end "缺陷责任期届满"
    event late "逾期"
    param settled_amount "结算价" = first(settled).amount
    clause "8" "质保金" {
      remedy retention "质保金" {
        holder 乙方
        for each period_end e
        amount 3% of settled_amount
      }
      remedy damages "违约金" {
        holder 甲方
        for each late l
        amount ¥1,000.00 per day
        total at most accrued(retention)
      }
    }
    '''
    facts = [f("e", "period_end", "2026-01-05T10:00:00+08:00"), f("l", "late", "2026-01-06T10:00:00+08:00")]
    (row,) = remedies(run(rules, facts, "2026-02-01"), "damages")
    assert row["amount"] is None, row["because"]


# ---------------------------------------------------------------- 9. the seed: no deduction, still the warning
def test_no_deduction_without_bond_warning_when_the_contract_ended_within_the_five_days():
    """2.1(3): a supplier interruption begun Thu 2025-07-10 09:00 while the contract is in force; 甲方's notice ends the
    contract Sat 07-12 10:00, within the 5 days.  No bond_deduction arises (its right would arise at 2025-07-16T00:00,
    after the end), but deduction_without_bond ("扣减保证金的情形发生时，甲方没有持有履约保函") is still issued at
    07-16 — the round-7 edit tests `s.at <= ended` when the interruption starts, not when the deduction would arise."""
    seed = compile_file(__import__("pathlib").Path(__file__).resolve().parent.parent / "rules" / "gzmz-2025-it-ops.qy")
    facts = [{"id": "sign", "type": "contract_signed", "at": "2025-06-27T10:00:00+08:00"},
             {"id": "si", "type": "service_interruption_started", "at": "2025-07-10T09:00:00+08:00", "subproject": 3,
              "cause": "supplier"},
             {"id": "t", "type": "termination_notified", "at": "2025-07-12T10:00:00+08:00", "party": "甲方",
              "ground": "other"}]
    report = seed.evaluate([json.dumps(x, ensure_ascii=False) for x in facts], "2025-08-01")
    assert not remedies(report, "bond_deduction")
    assert "deduction_without_bond" not in [x["code"] for x in report["findings"]]


# ---------------------------------------------------------------- 10. an exact day amount that is whole
def test_a_days_amount_without_fen_is_still_shown_as_money():
    """A fact's amount written "3000" (accepted, shown ¥3,000.00) ÷ 30 per day: the exact amount of a day is
    Decimal('1E+2'), which the Encoder takes for a whole number — the step's per_day is the int 100 and the text reads
    "共 8 日 × 每日 100 = ¥800.00" (no ¥: a count, not an amount).  Before the change money( ) gave ¥100.00."""
    rules = '''
    event due_set "到期" { amount: money "本金" }
    clause "7" "逾期" {
      obligation repay "还本" {
        debtor 乙方
        creditor 甲方
        for each due_set d
        fulfilled when false
        within 1 days
      }
      remedy overdue "逾期违约金" {
        holder 甲方
        for each repay.violated o
        amount o.d.amount ÷ 30 per day
      }
    }
    '''
    facts = [f("d1", "due_set", "2026-03-02T10:00:00+08:00", amount="3000")]
    (row,) = remedies(run(rules, facts, "2026-03-11T00:00:00+08:00"), "overdue")
    assert row["amount"] == "800.00"
    (step,) = [s for s in row["steps"] if s["code"] == "accrued"]
    assert step["args"]["per_day"] == {"kind": "money", "amount": "100.00"}
    assert "每日 ¥100.00 = ¥800.00" in row["because"][-1]
