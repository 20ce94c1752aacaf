"""Operations end with the service period (opposing counsel, round 3; assumption operations_after_service_period).

The service year from signing on Fri 2025-06-27 10:00 ends at 24:00 on Sat 2026-06-27 (1.4, a term: not
moved). 附件2 三.4's "在运维过程中" and 8.2's "运维服务中断" are about the operations of that year: an incident
found, or an interruption begun, at or after 2026-06-28 00:00 sets off no duty and no right; one begun
within it keeps its duties even when the notice comes after. Counted by hand, both backends alike.
"""
from __future__ import annotations

import pytest

from seedfacts import lines, on_both_backends

SIGN = {"id": "sign", "type": "contract_signed", "at": "2025-06-27T10:00:00+08:00"}


def incident(i, at):
    return {"id": i, "type": "security_incident_found", "at": at}


def interruption(i, at):
    return {"id": i, "type": "service_interruption_started", "at": at, "subproject": 4, "cause": "supplier"}


def fax(i, at, ref):
    return {"id": i, "type": "notice_sent", "at": at, "from": "甲方", "to": "乙方", "subject": "service_interruption",
            "method": "fax", "ref": ref}


# (name, facts, as_of, {obligation: [(trigger, status)]}, remedies by name)
CASES = [
    ("an incident at 23:59:59 on the last day: notice due 01:59:59", [incident("a", "2026-06-27T23:59:59+08:00")],
     "2026-07-10", {"security_incident_notice": [("a", "violated")]}, []),
    ("an incident at 00:00 after it: no duty", [incident("b", "2026-06-28T00:00:00+08:00")],
     "2026-07-10", {"security_incident_notice": []}, []),
    ("an incident in August: no duty", [incident("c", "2026-08-03T09:00:00+08:00")],
     "2026-08-10", {"security_incident_notice": []}, []),
    ("an interruption begun on the last day, notified after it: resolve within 5 days",
     [interruption("i", "2026-06-27T20:00:00+08:00"), fax("n", "2026-06-29T09:00:00+08:00", "i")],
     # fax Mon 06-29 09:00, 5 days: Sat 07-04 → Mon 07-06, due 07-07 00:00; the bond may be cut 5 days (as a
     # term) after 06-27: 07-02 24:00
     "2026-07-20", {"resolve_interruption": [("i", "violated")]}, ["bond_deduction", "interruption_damages"]),
    ("an interruption begun after it: nothing",
     [interruption("j", "2026-07-01T09:00:00+08:00"), fax("m", "2026-07-01T10:00:00+08:00", "j")],
     "2026-07-20", {"resolve_interruption": []}, []),
]


@pytest.mark.parametrize("name,facts,as_of,duties,remedies", CASES, ids=[c[0] for c in CASES])
def test_operations_end_with_the_service_period(seed, name, facts, as_of, duties, remedies):
    report = on_both_backends(seed, lines([SIGN, *facts]), as_of)
    for duty, expected in duties.items():
        got = [(o["trigger"], o["status"]) for o in report["obligations"] if o["name"] == duty and o["trigger"]]
        assert got == expected, (duty, got)
        for o in report["obligations"]:
            if o["name"] == duty:
                assert "operations_after_service_period" in o["assumptions"]
    assert sorted(r["name"] for r in report["remedies"]) == remedies
