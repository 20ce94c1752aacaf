"""The contract is data: editing a number or a unit in the rule text moves the verdict,
with no code change."""
import pytest

from engine.api import compile_rules
from pathlib import Path

SEED_RULES = Path(__file__).resolve().parent.parent / "rules" / "gzmz-2025-it-ops.qy"

SEED_TEXT = SEED_RULES.read_text(encoding="utf-8")

SIGN = '{"id": "sign", "type": "contract_signed", "at": "2025-06-27T10:00:00+08:00"}'  # 11.1: in force from here
LEAK = [SIGN,
    '{"id": "leak", "type": "data_leak_discovered", "at": "2026-04-10T09:00:00+08:00", "cause": "supplier"}',
    '{"id": "n", "type": "notice_sent", "at": "2026-04-10T11:01:00+08:00", "from": "乙方", "to": "甲方", '
    '"subject": "data_leak", "method": "fax", "ref": "leak"}',
]
REVIEW = [SIGN, '{"id": "app", "type": "acceptance_applied", "at": "2026-09-28T10:00:00+08:00"}']


def row(report, name):
    return next(o for o in report["obligations"] if o["name"] == name)


def edited(old, new):
    assert SEED_TEXT.count(old) == 1, old
    return compile_rules(SEED_TEXT.replace(old, new), "edited.qy")


def test_two_hours_to_three_hours_turns_a_late_leak_notice_into_a_timely_one(seed):
    before = row(seed.evaluate(LEAK, "2026-04-11"), "breach_notice")
    assert (before["status"], before["due"]) == ("violated", "2026-04-10T11:00:00+08:00")
    rules = edited("    within 2 hours\n", "    within 3 hours\n")
    after = row(rules.evaluate(LEAK, "2026-04-11"), "breach_notice")
    assert (after["status"], after["due"]) == ("fulfilled", "2026-04-10T12:00:00+08:00")


@pytest.mark.parametrize("deadline,due", [
    # 10 working days from Mon 2026-09-28 over National Day and the make-up Saturday 10-10
    ("10 working days", "2026-10-17T00:00:00+08:00"),
    # 10 calendar days: last day Thu 10-08 is a working day → due 10-09T00:00
    ("10 days", "2026-10-09T00:00:00+08:00"),
    # 中文 unit: the same as 10 working days
    ("10 个工作日", "2026-10-17T00:00:00+08:00"),
    # 3 working days: 29, 30 Sep, (holiday) 8 Oct → due 10-09T00:00
    ("3 working days", "2026-10-09T00:00:00+08:00"),
])
def test_review_deadline_unit_and_number_are_data(deadline, due):
    old = "    fulfilled by acceptance_review_completed r or by acceptance_held h\n    within 10 working days\n"
    rules = edited(old, old.replace("10 working days", deadline))
    r = row(rules.evaluate(REVIEW, "2026-11-01"), "acceptance_review")
    assert (r["status"], r["due"]) == ("violated", due)
    deemed = [e for e in rules.evaluate(REVIEW, "2026-11-01")["events"] if e["name"] == "deemed_acceptance"]
    assert [e["at"] for e in deemed] == [due]


def test_interruption_damages_rate_is_data(seed):
    facts = [
        SIGN,
        '{"id": "i", "type": "service_interruption_started", "at": "2026-05-06T08:00:00+08:00", '
        '"subproject": 14, "cause": "supplier"}',
        '{"id": "n", "type": "notice_sent", "at": "2026-05-06T09:00:00+08:00", "from": "甲方", "to": "乙方", '
        '"subject": "service_interruption", "method": "fax", "ref": "i"}',
    ]
    def damages(rules):
        return [r["amount"] for r in rules.evaluate(facts, "2026-06-01")["remedies"]
                if r["name"] == "interruption_damages"]
    assert damages(seed) == ["4100.00"]  # 1% of ¥410,000.00 (附件1 序号14)
    assert damages(edited("amount 1% of subprojects", "amount 2% of subprojects")) == ["8200.00"]
