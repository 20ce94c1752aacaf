"""A power to terminate lapses one year after it arose (民法典 第564条第2款; opposing counsel, round 3).

"法律没有规定或者当事人没有约定解除权行使期限，自解除权人知道或者应当知道解除事由之日起一年内不行使
……该权利消灭。" The seed contract sets no period for any of its powers (3.1.3, 8.3, 8.4), so each
lapses a year after it arose — its holder taken to know its ground from then, the year counted as a
period to act (第201–203条). A notice after that has no effect (`termination_without_right`); one on the
last day still ends the contract.

Counted by hand: installment 1's application and invoice on Fri 2025-07-04 10:00, payment due 30 days
later (payment_term): last day Sun 08-03 → Mon 08-04, due 2025-08-05T00:00 (24:00 of 08-04); 乙方's
power (8.3, "逾期超出15天") arises when 15 more days have passed (as a term): last day Tue 08-19,
2025-08-20T00:00, which is 24:00 of 08-19 — a day counted as 08-19. One year from 08-19: last day Wed
2026-08-19, a working day; the power is spent at 2026-08-20T00:00.
"""
from __future__ import annotations

import pytest

from seedfacts import lines, on_both_backends

UNPAID = [
    {"id": "oa-001", "type": "contract_signed", "at": "2025-06-27T10:00:00+08:00"},
    {"id": "oa-002", "type": "staff_onsite", "at": "2025-07-01T09:00:00+08:00", "count": 2},
    {"id": "oa-003", "type": "service_plan_submitted", "at": "2025-07-02T10:00:00+08:00"},
    {"id": "fin-001", "type": "payment_application_received", "at": "2025-07-04T10:00:00+08:00", "installment": 1,
     "amount": "3490000.00"},
    {"id": "fin-002", "type": "invoice_received", "at": "2025-07-04T10:00:00+08:00", "installment": 1,
     "amount": "3490000.00", "kind": "vat_ordinary"},
]


def notice(at):
    return {"id": "t", "type": "termination_notified", "at": at, "party": "乙方", "ground": "late_payment"}


# (name, extra facts, as_of, the power's status, how the contract ended, findings about terminations)
CASES = [
    ("held on its last day", [], "2026-08-19T23:59:59+08:00", "held", None, []),
    ("lapsed at 00:00 after its last day", [], "2026-08-20T00:00:00+08:00", "lapsed", None, []),
    ("used on its last day: the contract ends", [notice("2026-08-19T23:59:59+08:00")], "2026-09-10",
     "exercised", "supplier_terminates", []),
    ("used a second too late: no effect", [notice("2026-08-20T00:00:00+08:00")], "2026-09-10",
     "lapsed", None, ["termination_without_right"]),
    ("used a year and a day later: no effect", [notice("2026-08-21T10:00:00+08:00")], "2026-09-10",
     "lapsed", None, ["termination_without_right"]),
]


@pytest.mark.parametrize("name,extra,as_of,status,ended_by,findings", CASES, ids=[c[0] for c in CASES])
def test_a_power_to_terminate_lapses_a_year_after_it_arose(seed, name, extra, as_of, status, ended_by, findings):
    report = on_both_backends(seed, lines(UNPAID + extra), as_of)
    (power,) = [r for r in report["remedies"] if r["name"] == "supplier_termination"]
    assert power["since"] == "2025-08-20T00:00:00+08:00"
    assert power["status"] == status, power["because"]
    assert report["contract_life"]["ended_by"] == ended_by
    assert [f["code"] for f in report["findings"] if "termination" in f["code"]] == findings
    if status == "lapsed":
        (said,) = [b for b in power["because"] if b.startswith("解除权消灭")]
        assert "2025年8月19日24时" in said and "至 2026年8月19日24时 届满" in said and "第564条第2款" in said


def test_a_new_ground_after_the_first_power_lapsed_gives_a_new_one(seed):
    """`once` (3.1.3: one power to terminate whatever the harms) speaks of a power that still stands: a
    harm found after the first power lapsed (2025-07-10 + a year) is a new ground, and 甲方's notice on
    2026-09-05 uses the new power (a reviewer's case: it was taken for a termination without cause)."""
    facts = [{"id": "sign", "type": "contract_signed", "at": "2025-06-27T10:00:00+08:00"},
             {"id": "h1", "type": "public_interest_harm_found", "at": "2025-07-10T10:00:00+08:00"},
             {"id": "h2", "type": "public_interest_harm_found", "at": "2026-09-01T10:00:00+08:00"},
             {"id": "t", "type": "termination_notified", "at": "2026-09-05T10:00:00+08:00", "party": "甲方",
              "ground": "public_interest"}]
    report = seed.evaluate(lines(facts), "2026-09-10")
    assert report["contract_life"]["ended_by"] == "buyer_terminates"
    assert [(r["status"], r["since"]) for r in report["remedies"] if r["name"] == "buyer_termination"] == [
        ("lapsed", "2025-07-10T10:00:00+08:00"), ("exercised", "2026-09-01T10:00:00+08:00")]


def test_a_power_whose_year_ends_where_no_calendar_is_known_is_undetermined(seed, seed_undetermined):
    """Force majeure on 2026-03-02: the power's year ends on 2027-03-02 at the earliest, but whether that
    day moves (第203条) needs the 2027 calendar: by default the evaluation stops there (time-and-law.md); under
    `calendar fallback undetermined` the power is undetermined from then, and a notice 18 months on is an
    undetermined termination — not a termination the contract takes."""
    facts = [{"id": "sign", "type": "contract_signed", "at": "2025-06-27T10:00:00+08:00"},
             {"id": "f", "type": "force_majeure_occurred", "at": "2026-03-02T10:00:00+08:00", "party": "乙方"},
             {"id": "t", "type": "termination_notified", "at": "2027-09-01T10:00:00+08:00", "party": "乙方",
              "ground": "force_majeure"}]
    from engine.diagnostics import QiyueError
    with pytest.raises(QiyueError) as exc:
        seed.evaluate(lines(facts), "2027-10-01")
    assert [(d.code, d.args["year"], d.clause) for d in exc.value.diagnostics] == [("calendar_year_unknown", 2027, "8.4")]
    assert seed.evaluate(lines(facts), "2027-03-01")["contract_life"]["ended_by"] is None  # (before the need: a report)
    report = seed_undetermined.evaluate(lines(facts), "2027-10-01")
    assert report["contract_life"]["ended_by"] is None
    assert {r["status"] for r in report["remedies"] if r["name"] == "force_majeure_termination"} == {"undetermined"}
    assert "termination_undetermined" in [f["code"] for f in report["findings"]]
