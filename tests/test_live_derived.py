"""A fact's attribute against a value computed from the other fact of a join alone, on the Rete (issue 14).

om-outsourcing 6.2: `for each assessed a, invoice_received i where i.month == a.month and i.amount == (if
a.score >= full_score_line then fee otherwise round_down(fee × a.score ÷ full_score_line, ¥1.00))` — the
invoice must equal the month's fee as the score makes it.  The value reads the assessment alone (and the
rules' constants), so qiyue computes it, with its own compiled expression, when the assessment is sent to
durable_rules (a property of its message, in fen), and the Rete pairs an invoice with the assessment of its
month whose value it equals.  Counted by hand: fee ¥86,000.00 (¥1,032,000.00 ÷ 12), full score line 90.
"""
from __future__ import annotations

import json

import pytest

from engine.api import compile_file
from engine.live import available as durable_available
from seedfacts import compiled_rules, on_both_backends

SIGNED = {"id": "s", "type": "contract_signed", "at": "2025-12-26T10:00:00+08:00"}


def assessed(i, at, month, score):
    return {"id": i, "type": "assessed", "at": at, "month": month, "score": score}


def invoice(i, at, month, amount):
    return {"id": i, "type": "invoice_received", "at": at, "month": month, "amount": amount}


@pytest.fixture(scope="module")
def om():
    with compiled_rules(path="rules/examples/om-outsourcing.qy") as c:
        yield c


# (score, invoice amount, whether pay_month arises)
CASES = [
    (95, "86000.00", True),  # at or above 90: the whole fee
    (90, "86000.00", True),
    (95, "85999.99", False),
    ("89.9", "85904.00", True),  # 86,000 × 89.9 ÷ 90 = 85,904.444…, yuan below cut off: ¥85,904.00
    ("89.9", "85904.44", False),
    ("89.9", "85905.00", False),
    ("89.99999", "85999.00", True),  # 85,999.99044…: ¥85,999.00, not ¥86,000.00
    ("89.99999", "86000.00", False),
]


@pytest.mark.parametrize("score,amount,arises", CASES)
@pytest.mark.parametrize("invoice_first", [False, True], ids=["assessed first", "invoice first"])
def test_an_invoice_equal_to_the_fee_the_score_makes(om, score, amount, arises, invoice_first):
    a = assessed("a", "2026-02-09T10:00:00+08:00", "2026-01", score)
    i = invoice("i", "2026-02-10T10:00:00+08:00" if not invoice_first else "2026-02-08T10:00:00+08:00",
                "2026-01", amount)
    lines = [json.dumps(x, ensure_ascii=False) for x in (SIGNED, a, i)]
    report = on_both_backends(om, lines, "2026-03-31")
    got = [(o["trigger"], o["triggered_at"]) for o in report["obligations"]
           if o["name"] == "pay_month" and o["triggered_at"]]
    # (the duty is the assessment's — `once per a` —, arising with the later of the two)
    assert got == ([("a", "2026-02-09T10:00:00+08:00" if invoice_first else "2026-02-10T10:00:00+08:00")]
                   if arises else [])


def test_another_months_invoice_does_not_pair(om):
    lines = [json.dumps(x, ensure_ascii=False) for x in (
        SIGNED, assessed("a", "2026-02-09T10:00:00+08:00", "2026-01", 95),
        invoice("i", "2026-02-10T10:00:00+08:00", "2026-02", "86000.00"))]
    report = on_both_backends(om, lines, "2026-03-31")
    assert not [o for o in report["obligations"] if o["name"] == "pay_month" and o["triggered_at"]]


@pytest.mark.skipif(not durable_available(), reason="durable_rules not installed (the [live] extra)")
def test_every_line_of_the_three_rule_files_runs_on_the_rete():
    """The seed rules, goods-procurement and om-outsourcing: each `for each` line runs on the Rete, or never
    matches under the rule file's current readings — `qiyue check --backend durable` names none."""
    from engine.live.backend import plan
    for path in ("rules/gzmz-2025-it-ops.qy", "rules/examples/goods-procurement.qy",
                 "rules/examples/om-outsourcing.qy", "rules/examples/equipment-sale.qy"):
        c = compile_file(path)
        try:
            assert {d["runs_on"] for d in plan(c).describe()} <= {"rete", "never"}, path
        finally:
            plan(c).close()
