"""Small helpers shared by the tests: facts as JSON lines, rows of a report, and the
installment-1 preconditions of the seed contract."""
import json


def lines(facts):
    """Fact dicts → JSON Lines, as a fact file would hold them."""
    return [json.dumps(f, ensure_ascii=False) for f in facts]


def rows(report, kind, name):
    """The report's rows of one kind (obligations, events, remedies) with one name."""
    return [r for r in report[kind] if r["name"] == name]


# All preconditions of 2.2(1) hold at Fri 2025-07-04 10:00; payment_term 30 days: start 07-05,
# last day Sun 08-03 (rest) → Mon 08-04 → due 2025-08-05T00:00.
PAY_1 = [
    {"id": "c", "type": "contract_signed", "at": "2025-06-27T10:00:00+08:00"},  # 11.1: in force from here
    {"id": "s", "type": "staff_onsite", "at": "2025-07-01T09:00:00+08:00", "count": 2},
    {"id": "pl", "type": "service_plan_submitted", "at": "2025-07-02T10:00:00+08:00"},
    {"id": "ap", "type": "payment_application_received", "at": "2025-07-03T10:00:00+08:00", "installment": 1,
     "amount": "3490000.00"},
    {"id": "in", "type": "invoice_received", "at": "2025-07-04T10:00:00+08:00", "installment": 1,
     "amount": "3490000.00", "kind": "vat_ordinary"},
]
