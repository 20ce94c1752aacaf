"""The seed rules' `property` blocks (issue 12): `qiyue verify` holds them all, and a slip of the
pen in a copy of the rules — a deadline's number or unit, a comparison, a dropped exception or
precondition, a damages rate — makes it fail with a short counterexample in Chinese.

Which slips `verify` can find depends on the fact streams hypothesis builds from the declarations:
it draws each fact's kind from all 26, so a stream that meets all five preconditions of an
installment (signing, two staff, the service plan, an application and an invoice each for exactly
¥3,490,000.00) practically never comes up, and neither does a payment made late or an interruption
that 甲方 notified.  The properties about payments, 8.2 and 8.3 are therefore also tested here on
streams written by hand (``test_payment_and_damages_slips_fail_on_written_streams``): the same
properties, the same mutants, facts that reach the rules.

The mutants that `verify` itself must catch are listed with the seed that finds each (``verify``
with one seed finds the same counterexample again); other seeds find most of them too, but not
every one in 200 examples.
"""
from datetime import datetime
from pathlib import Path

import pytest

from engine.api import compile_file, compile_rules
from engine.verify.properties import failures
from engine.verify.render import text
from engine.verify.search import verify

ROOT = Path(__file__).resolve().parent.parent
RULES = ROOT / "rules" / "gzmz-2025-it-ops.qy"
SOURCE = RULES.read_text(encoding="utf-8")


def mutant(old: str, new: str) -> str:
    """The seed rules with the first occurrence of ``old`` (in each case a rule's text, which in its
    clause comes before the properties) replaced by ``new``."""
    assert old in SOURCE, old
    return SOURCE.replace(old, new, 1)


def test_the_seed_rules_state_their_intent_in_at_least_fifteen_properties_that_hold():
    """The acceptance criterion of issue 12: every property, 200 examples each, holds (about 50 s) — as the command
    a user runs, `qiyue verify --seed 1`, in a process of its own: the streams one seed draws are the same from one
    such run to the next, but within a test session they moved with what earlier tests had imported (two
    properties' streams then needed 2027 more often and came out "not checked")."""
    import json
    import subprocess
    import sys

    run = subprocess.run([sys.executable, "-m", "engine.cli", "verify", str(RULES), "--examples", "200", "--seed", "1",
                          "--format", "json"], capture_output=True, text=True, cwd=Path(__file__).resolve().parent.parent)
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]
    result = json.loads(run.stdout)
    outcomes = result["properties"]
    assert len(outcomes) >= 15
    assert result["held"], [(o["name"], o["unevaluable"], o["error"]) for o in outcomes if not o["held"]]
    assert all(o["examples"] == 200 for o in outcomes), [(o["name"], o["examples"]) for o in outcomes]
    clauses = {o["clause"] for o in outcomes}
    for family in ("11.1", "2.1(1)", "2.1(2)", "2.2(1)", "2.2(2)", "2.2(3)", "2.2(4)", "5.2.3", "5.3", "3.1.3",
                   "8.2", "8.3", "8.4", "10.2", "10.3", "附件2 三.5", "附件2 三.4", "7.2", "附件2 六"):
        assert family in clauses, family


# (what the slip is, the rule text, what it becomes, the property that catches it, a seed that finds it)
SLIPS = [
    ("a deadline's number: 2.1(1) three months become two",
     "within 3 months\n", "within 2 months\n", "bond_within_three_months", 1),
    ("a deadline's unit: 8.4 two days become two working days",
     "    within 2 days\n", "    within 2 working days\n", "force_majeure_notice_two_days", 1),
    ("a deadline's unit: 2.2(4) thirty days become thirty working days",
     "    within 30 days\n    excused if accepted", "    within 30 working days\n    excused if accepted",
     "organize_acceptance_30_days", 1),
    ("a term that should not move: 1.4's year counted as a period to act in",
     "1 year as term after first(contract_effective)\n", "1 year after first(contract_effective)\n",
     "service_year", 1),
    ("a comparison: 11.1 effective when 乙方 has *not* signed",
     "exists(contract_signed c where c.party == 乙方)", "exists(contract_signed c where c.party != 乙方)",
     "effective_when_both_signed", 1),
    ("and/or: 11.1 effective when either party has signed",
     "all of (exists(contract_signed c where c.party == 甲方)", "any of (exists(contract_signed c where c.party == 甲方)",
     "effective_when_both_signed", 1),
    ("a comparison: 10.3 actual receipt counted when *later* than the third day",
     "n.signed_at.day <= n.at.day + 3 days\n", "n.signed_at.day > n.at.day + 3 days\n", "deemed_delivery_by_method", 1),
    ("a dropped exception: 10.3 an earlier actual receipt no longer counts",
     '    if n.method != "fax" and present(n.signed_at) and n.signed_at.day >= n.at.day and n.signed_at.day <= n.at.day + 3 days\n'
     '        and not (n.signed_at < n.at and n.signed_at > n.at.day):\n'
     '      at latest(n, n.signed_at) "实际签收不晚于推定的送达日，以实际签收为准（《民法典》第137条：到达时生效；推定送达日当日签收的，以签收时刻为准）"\n', "",
     "deemed_delivery_by_method", 1),
    ("a deemed-delivery day: 10.3.4 registered mail on the fourth day",
     'at day 3 after n "10.3.4', 'at day 4 after n "10.3.4', "deemed_delivery_by_method", 1),
    ("a dropped precondition: 附件2 三.5 a notice for every leak, not only those 乙方 caused",
     'for each data_leak_discovered d where d.cause == "supplier" and d.at < end of 3 years as term after cooperation_end\n',
     "for each data_leak_discovered d where d.at < end of 3 years as term after cooperation_end\n",
     "breach_notice_two_hours", 3),
    ("a damages rate: 8.3 five per cent for a termination without cause becomes half a per cent",
     'amount 5% of total\n    note "“如甲方', 'amount 0.5% of total\n    note "“如甲方',
     "unjustified_termination_five_percent", 3),
    ("a deadline counted the wrong way: 10.2 ten working days before the change",
     "    within 10 days before a", "    within 10 working days before a", "address_change_ten_days_before", 1),
    ("an excuse turned round: 2.2(4) excused when the project is *not* accepted",
     "excused if accepted", "excused if not accepted", "organize_excused_only_when_accepted", 1),
    ("a dropped precondition: 2.1(2) the bond released on an acceptance before the service period ended",
     "h.passed and exists(service_end) and (not present(ended) or h.at <= ended)\n      and (release_needs_guarantee",
     "h.passed and (not present(ended) or h.at <= ended)\n      and (release_needs_guarantee",
     "bond_release_after_acceptance", 3),
    ("a deadline's number: 附件2 三.5 two hours become three",
     "within 2 hours\n", "within 3 hours\n", "breach_notice_two_hours", 1),
    ("a narrowed trigger: 8.4 only 甲方's force majeure to be notified",
     "for each force_majeure_occurred f\n    fulfilled", "for each force_majeure_occurred f where f.party == 甲方\n    fulfilled",
     "every_force_majeure_notified", 2),
    ("a dropped survival: 附件2 三.5's notice ends with the contract",
     '    survives only if leak_notice_after_end == "survives"\n', "", "every_supplier_leak_notified", 6),
    ("a dropped survival: 7.2's confidentiality ends with the contract",
     "where b.party == 乙方\n    without end\n    survives\n", "where b.party == 乙方\n    without end\n",
     "confidentiality_survives", 2),
    ("a deadline's unit: 5.2.3 ten working days become ten days",
     '    within 10 working days\n    note "期限内', '    within 10 days\n    note "期限内', "review_ten_working_days", 1),
    ("a term's number: 附件2 六's three years become two",
     "until end of 3 years as term after cooperation_end\n    survives\n  }\n  obligation confidentiality_buyer",
     "until end of 2 years as term after cooperation_end\n    survives\n  }\n  obligation confidentiality_buyer",
     "confidentiality_three_years", 1),
]


@pytest.mark.parametrize("what,old,new,prop,seed", SLIPS, ids=[s[0].split(":")[0] + f" ({s[3]})" for s in SLIPS])
def test_a_slip_of_the_pen_in_the_seed_rules_makes_verify_fail(what, old, new, prop, seed):
    rules = compile_rules(mutant(old, new), str(RULES))
    # (a search: the seed that found it when the test was written first, then a few more — a change of
    # the rule file's constants or of the strategies moves what one seed draws)
    for seed in (seed, *range(seed + 1, seed + 12)):
        result = verify(rules, 200, seed=seed, only=[prop])
        if not result.held:
            break
    assert not result.held, f"{what}: not caught by 12 seeds × 200 examples\n" + text(result)
    shown = text(result)
    assert f"✗ {prop}（" in shown and "反例（已化简为" in shown and "不成立" in shown, shown
    assert f"复现：qiyue verify {RULES} --seed {seed} --only {prop}" in shown, shown


# ------------------------------------------------- payments and damages: facts that reach the rules
SIGNED = {"id": "c", "type": "contract_signed", "at": "2025-06-27T10:00:00+08:00"}
# all preconditions of 2.2(1) hold at Tue 2025-07-08 10:00; 30 days: last day Thu 08-07, due
# 2025-08-08T00:00 (31 days would end on Fri 08-08); more than 15 days late (as term, from 08-08)
# from 2025-08-23T00:00
INSTALLMENT_1 = [
    SIGNED,
    {"id": "s", "type": "staff_onsite", "at": "2025-07-01T09:00:00+08:00", "count": 2},
    {"id": "pl", "type": "service_plan_submitted", "at": "2025-07-02T10:00:00+08:00"},
    {"id": "ap", "type": "payment_application_received", "at": "2025-07-03T10:00:00+08:00", "installment": 1,
     "amount": "3490000.00"},
    {"id": "in", "type": "invoice_received", "at": "2025-07-08T10:00:00+08:00", "installment": 1,
     "amount": "3490000.00", "kind": "vat_ordinary"},
]


def paid(at: str) -> dict:
    return {"id": "pay", "type": "payment_made", "at": at, "installment": 1, "amount": "3490000.00"}


def interruption(cause: str) -> list[dict]:
    """A supplier- or buyer-caused interruption of sub-project 3 (¥175,700.00), notified by fax at once."""
    return [SIGNED,
            {"id": "i", "type": "service_interruption_started", "at": "2025-07-01T10:00:00+08:00", "subproject": 3,
             "cause": cause},
            {"id": "n", "type": "notice_sent", "at": "2025-07-01T11:00:00+08:00", "from": "甲方", "to": "乙方",
             "subject": "service_interruption", "method": "fax", "ref": "i"}]


STREAMS = {  # (facts, as_of)
    "paid 18 days late": (INSTALLMENT_1 + [paid("2025-08-25T10:00:00+08:00")], "2025-12-31T00:00:00+08:00"),
    "paid on the 16th day late": (INSTALLMENT_1 + [paid("2025-08-23T10:00:00+08:00")], "2025-12-31T00:00:00+08:00"),
    "no service plan": ([f for f in INSTALLMENT_1 if f["id"] != "pl"], "2025-12-31T00:00:00+08:00"),
    "buyer's interruption": (interruption("buyer"), "2025-08-01T00:00:00+08:00"),
    "supplier's interruption": (interruption("supplier"), "2025-08-01T00:00:00+08:00"),
}

# (the slip, the rule text, what it becomes, the property that catches it, the stream)
WRITTEN = [
    ("8.3's rate: 0.1% a day becomes 0.2%", "amount 0.1% of total per day", "amount 0.2% of total per day",
     "late_payment_per_day", "paid 18 days late"),
    ("the payment term: 30 days become 31", 'assumption payment_term "付款期限" = 30 days',
     'assumption payment_term "付款期限" = 31 days', "installment_1_conditions", "paid 18 days late"),
    ("the payment term's unit: 30 days become 30 working days", 'assumption payment_term "付款期限" = 30 days',
     'assumption payment_term "付款期限" = 30 working days', "installment_1_conditions", "paid 18 days late"),
    ("a dropped precondition: 2.2(1) without the service plan", "      exists(service_plan_submitted),\n", "",
     "installment_1_conditions", "no service plan"),
    ("a comparison: 2.2(1) three staff instead of two", "sum(s.count for each staff_onsite s) >= staff_required,",
     "sum(s.count for each staff_onsite s) >= staff_required + 1,", "installment_1_owed", "paid 18 days late"),
    ("8.3's 15 days become 16", "installment_1\n        within 15 days as term\n    for each pay_installment_2.violated o\n"
     "      unless", "installment_1\n        within 16 days as term\n    for each pay_installment_2.violated o\n      unless",
     "late_payment_termination_right", "paid on the 16th day late"),
    ("8.3's termination damages: 5% become 3%", "amount 5% of total only if termination_damages_basis", "amount 3% of total only if termination_damages_basis",
     "late_payment_termination_right", "paid 18 days late"),
    ("a dropped excuse: 8.2's 但书 (甲方's own interruption)",
     '    excused if s.cause == "buyer" "因甲方需求变更等非乙方原因，乙方不承担逾期违约责任（8.2 但书）。"\n', "",
     "interruption_caused_by_buyer_excused", "buyer's interruption"),
    ("8.2's deadline: 5 days become 5 working days",
     "counting earlier since s\n    within 5 days", "counting earlier since s\n    within 5 working days",
     "interruption_five_days", "supplier's interruption"),
    ("8.2's rate: 1% of the sub-project's budget becomes 2%", "amount 1% of subprojects", "amount 2% of subprojects",
     "interruption_damages_one_percent", "supplier's interruption"),
]


def failing(rules, stream) -> dict:
    """The properties that fail on a stream (its name in STREAMS, or (facts, as_of)): name → condition."""
    from seedfacts import lines
    facts, as_of = STREAMS[stream] if isinstance(stream, str) else stream
    rules = rules.with_properties()  # (an ordinary evaluation leaves the property blocks out)
    ev = rules.run(rules.load_facts(lines(facts)), datetime.fromisoformat(as_of))
    return {f.name: f.what for f in failures(ev)}


@pytest.fixture(scope="module")
def seed_rules():
    return compile_file(RULES)


@pytest.mark.parametrize("stream", sorted(STREAMS))
def test_the_properties_hold_on_the_written_streams(seed_rules, stream):
    assert failing(seed_rules, stream) == {}


def test_the_written_streams_reach_the_rules(seed_rules):
    """Not vacuous: the payment is owed and late, the damages accrue, the interruption is notified."""
    from seedfacts import lines
    facts, as_of = STREAMS["paid 18 days late"]
    report = seed_rules.evaluate(lines(facts), datetime.fromisoformat(as_of))
    (pay,) = [o for o in report["obligations"] if o["name"] == "pay_installment_1"]
    assert (pay["status"], pay["due"]) == ("violated", "2025-08-08T00:00:00+08:00")
    amounts = {r["name"]: r["amount"] for r in report["remedies"]}
    assert amounts["late_payment_damages"] == "125640.00"  # 18 days × ¥6,980.00 (08-08 … 08-25)
    assert amounts["supplier_termination"] == "349000.00"
    facts, as_of = STREAMS["buyer's interruption"]
    report = seed_rules.evaluate(lines(facts), datetime.fromisoformat(as_of))
    assert [o["status"] for o in report["obligations"] if o["name"] == "resolve_interruption"] == ["excused"]


@pytest.mark.parametrize("what,old,new,prop,stream", WRITTEN, ids=[w[0] for w in WRITTEN])
def test_payment_and_damages_slips_fail_on_written_streams(what, old, new, prop, stream):
    rules = compile_rules(mutant(old, new), str(RULES))
    got = failing(rules, stream)
    assert prop in got, f"{what}: {prop} still holds (failing: {got})"


# ------------------------------------------------- a counterexample that points at the engine
# Signed 2025-01-01 00:00: the service period ends at 24:00 on 2026-01-01, so organize_acceptance's
# 30 days end (moved off Sat 01-31 and Sun 02-01) at 24:00 on Mon 2026-02-02; an application on
# Mon 2026-01-19 has its 10 working days end at that same instant, and the acceptance is deemed then.
# Section 4.7 of the language reference: an excuse whose condition holds when the period expires
# excuses the duty.  The engine tests organize_acceptance's `excused if accepted` before it derives
# the deemed acceptance of the same instant ("该条件于 2026年2月3日0时 不成立") and reports a violation.
DEEMED_AT_THE_DEADLINE = ([{"id": "c", "type": "contract_signed", "at": "2025-01-01T00:00:00+08:00"},
                           {"id": "a", "type": "acceptance_applied", "at": "2026-01-19T10:00:00+08:00"}],
                          "2026-03-01T00:00:00+08:00")


def test_an_acceptance_deemed_at_the_organize_deadline_excuses_it(seed_rules):
    # (it failed until the engine decided a duty with an exception only after the events deemed for the
    # same instant; this stream was found by writing no_acceptance_owed_once_accepted)
    from seedfacts import lines
    report = seed_rules.evaluate(lines(DEEMED_AT_THE_DEADLINE[0]), datetime.fromisoformat(DEEMED_AT_THE_DEADLINE[1]))
    assert [e["at"] for e in report["events"] if e["name"] == "deemed_acceptance"] == ["2026-02-03T00:00:00+08:00"]
    assert "no_acceptance_owed_once_accepted" not in failing(seed_rules, DEEMED_AT_THE_DEADLINE)
    (o,) = [o for o in report["obligations"] if o["name"] == "organize_acceptance"]
    assert o["status"] == "excused"
