"""2.2(4): after acceptance 甲方 helps end the prepayment guarantee of 2.2(3) (counsel round 22, now a named reading).

2.2(4) follows 2.2(3) (乙方's prepayment guarantee, ≥ 30%, valid beyond the service period): "验收通过起次日，甲方应配合
乙方向银行申请终止保函效力或银行保函到期自动失效".  The rules read it, under the assumption prepayment_guarantee_release
("the prepayment guarantee too"), as a duty of its own, release_prepayment_guarantee, in the 30 days of
bond_release_term; "the performance bond only" reads 2.2(4) as restating 2.1(2).  bond_release_assisted may now say
which guarantee (purpose); a record that does not is taken as the release of both.

Counted by hand (official calendar): SIGN Fri 2025-06-27 10:00; the service year ends 24:00 Sat 2026-06-27.
Accepted Fri 2026-07-10 10:00: 30 days from 07-11 → Sun 08-09, a rest day → Mon 08-10 → due 2026-08-11T00:00.
Deemed accepted at 24:00 Mon 07-13 (application Mon 06-29, 10 working days missed): counted from 07-14 → Wed 08-12 →
due 2026-08-13T00:00.  Every report is checked equal on the reference and the durable backend.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from engine.api import compile_file
from seedfacts import on_both_backends

ROOT = Path(__file__).resolve().parent.parent
RULES = ROOT / "rules" / "gzmz-2025-it-ops.qy"
SIGN = {"id": "c", "type": "contract_signed", "at": "2025-06-27T10:00:00+08:00"}
BOND = {"id": "g1", "type": "guarantee_submitted", "at": "2025-07-15T10:00:00+08:00", "purpose": "performance",
        "amount": "349000.00", "valid_until": "2026-12-31"}


def prepay(valid_until="2026-12-31"):
    return {"id": "g3", "type": "guarantee_submitted", "at": "2025-09-05T09:00:00+08:00", "purpose": "prepayment",
            "amount": "2094000.00", "valid_until": valid_until}


HELD = [{"id": "a", "type": "acceptance_applied", "at": "2026-06-29T10:00:00+08:00"},
        {"id": "r", "type": "acceptance_review_completed", "at": "2026-07-06T17:00:00+08:00", "passed": True},
        {"id": "h", "type": "acceptance_held", "at": "2026-07-10T10:00:00+08:00", "passed": True}]
DEEMED = [{"id": "a", "type": "acceptance_applied", "at": "2026-06-29T10:00:00+08:00"}]


def assisted(at, purpose=None):
    return {"id": f"b-{at[5:10]}-{purpose}", "type": "bond_release_assisted", "at": at,
            **({"purpose": purpose} if purpose else {})}


def verdicts(facts, as_of="2026-09-01T00:00:00+08:00", rules=None):
    r = on_both_backends(rules or compile_file(RULES), [json.dumps(x, ensure_ascii=False) for x in facts], as_of)
    return {o["name"]: (o["status"], o["due"], o["fulfilled_at"]) for o in r["obligations"]
            if o["name"] in ("release_bond", "release_prepayment_guarantee") and o["status"] != "inactive"}


def test_one_release_that_names_no_guarantee_ends_both():
    v = verdicts([SIGN, BOND, prepay(), *HELD, assisted("2026-07-24T10:00:00+08:00")])
    assert v == {"release_bond": ("fulfilled", "2026-08-11T00:00:00+08:00", "2026-07-24T10:00:00+08:00"),
                 "release_prepayment_guarantee": ("fulfilled", "2026-08-11T00:00:00+08:00",
                                                  "2026-07-24T10:00:00+08:00")}


def test_a_release_of_the_performance_bond_alone_leaves_the_prepayment_guarantee_owed():
    v = verdicts([SIGN, BOND, prepay(), *HELD, assisted("2026-07-24T10:00:00+08:00", "performance")])
    assert v["release_bond"][0] == "fulfilled"
    assert v["release_prepayment_guarantee"] == ("violated", "2026-08-11T00:00:00+08:00", None)


@pytest.mark.parametrize("at, status", [("2026-08-10T23:59:59+08:00", "fulfilled"),   # the last day, to 24:00
                                        ("2026-08-11T00:00:00+08:00", "violated")])   # the next day: late
def test_the_prepayment_release_on_the_moved_last_day(at, status):
    v = verdicts([SIGN, BOND, prepay(), *HELD, assisted("2026-07-24T10:00:00+08:00", "performance"),
                  assisted(at, "prepayment")])
    assert v["release_prepayment_guarantee"][0] == (status if status == "fulfilled" else "violated")


def test_a_prepayment_guarantee_expiring_within_the_period_needs_no_release():
    """Valid to Fri 2026-07-31: it lapses at 24:00 that day (2.2(4) "或银行保函到期自动失效"), within the 30 days."""
    v = verdicts([SIGN, BOND, prepay("2026-07-31"), *HELD, assisted("2026-07-24T10:00:00+08:00", "performance")])
    assert v["release_prepayment_guarantee"] == ("fulfilled", "2026-08-11T00:00:00+08:00", "2026-08-01T00:00:00+08:00")


def test_after_a_deemed_acceptance_counted_from_the_day_it_was_deemed():
    v = verdicts([SIGN, prepay(), *DEEMED])
    assert v["release_prepayment_guarantee"] == ("violated", "2026-08-13T00:00:00+08:00", None)


def test_no_prepayment_guarantee_no_duty():
    assert "release_prepayment_guarantee" not in verdicts([SIGN, BOND, *HELD])


def test_read_as_the_performance_bond_only_no_duty():
    rules = compile_file(RULES, assume={"prepayment_guarantee_release": "the performance bond only"})
    v = verdicts([SIGN, BOND, prepay(), *HELD, assisted("2026-07-24T10:00:00+08:00", "performance")], rules=rules)
    assert "release_prepayment_guarantee" not in v and v["release_bond"][0] == "fulfilled"


FULL_YEAR = [json.loads(x) for x in (ROOT / "facts" / "full-year.jsonl").read_text(encoding="utf-8").splitlines()
             if x.strip()]


@pytest.mark.parametrize("purpose, performed", [(None, True), ("performance", False)])
def test_the_contract_is_not_performed_in_full_while_the_prepayment_guarantee_is_owed(purpose, performed):
    """The full year (every installment paid, accepted 07-10, handed over 07-17), the prepayment guarantee valid to
    2026-12-31, 甲方 helping end a guarantee 07-24, then 甲方 gives notice of termination Tue 2026-09-01 ("other").
    A release naming no guarantee ends both: performed in full (第557条), the notice has no effect
    (termination_after_performance).  One of the performance bond alone: 2.2(4) is still owed, the contract is not
    performed in full, and the notice ends it — 甲方 without cause, 5% (¥349,000.00) to 乙方 (8.3)."""
    facts = [dict(x, valid_until="2026-12-31") if x["id"] == "f-012" else x for x in FULL_YEAR if x["id"] != "f-026"]
    facts += [assisted("2026-07-24T10:00:00+08:00", purpose),
              {"id": "t", "type": "termination_notified", "at": "2026-09-01T10:00:00+08:00", "party": "甲方",
               "ground": "other"}]
    r = on_both_backends(compile_file(RULES), [json.dumps(x, ensure_ascii=False) for x in facts],
                         "2026-09-10T00:00:00+08:00")
    said = [x["code"] for x in r["findings"] if x["code"] == "termination_after_performance"]
    assert (said == ["termination_after_performance"]) is performed
    assert (r["contract_life"]["ended"] is None) is performed
