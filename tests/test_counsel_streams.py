"""Opposing counsel's hand counts for the scenario streams written for the mutation bench.

bench/mutation.py found lines of the seed rules that no scenario exercised (the `require ref` of a
notice, termination by a delivered notice, 乙方's termination for late payment, installment 2's
15-day cure, termination by agreement under both readings, 10.2's sender and subject, 10.3's
early receipt).  Each stream in facts/ below exercises them; this file asserts the verdicts
counted by hand from the contract (shared/seeds/000_2fd1bbbed6f06600.txt) and the law of time
(shared/spec/time-and-law.md) — never copied from the engine — before its golden report
(tests/golden/, driven by tests/test_golden.py's CASES) was accepted.

Calendar days used (chinese_calendar 1.11.0, ``is_workday``): 2025 — 10-01..10-08 National Day and
Mid-autumn off, Thu 10-09 and Fri 10-10 working, Sat 10-11 a make-up working day, Sat 10-25 and
Sun 10-26 rest; 2026 — Fri 01-30 working, Sat 01-31 and Sun 02-01 rest, Mon 02-02 working, Sat 02-14
a make-up working day, 02-15..02-23 Spring Festival off, Mon 03-02..Fri 03-06 and Mon 03-09..Fri
03-13 working, Sat 03-07, Sat 03-21 rest.

Common facts: signed by both Fri 2025-06-27 10:00 (oa-001); performance guarantee ¥349,000.00
valid to 2026-12-31 on 2025-07-15 (oa-002) — the bond duty is fulfilled in every stream.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from test_counsel import ANY, Case, check_report
from test_golden import CASES as GOLDEN_CASES, DELIVERY, EACH_PARTY, rules_for

ROOT = Path(__file__).resolve().parent.parent


def stream(name):
    return (ROOT / "facts" / f"{name}.jsonl").read_text(encoding="utf-8").splitlines()


def life(ended, ended_by, trigger):
    return {"effective": "2025-06-27T10:00:00+08:00", "ended": ended, "ended_by": ended_by, "trigger": trigger}


# 2.2(2) for installment 2: two months of service from the staff's arrival Tue 2025-07-01 09:00 have
# passed at 09-02T00:00; report approved 09-05, application 09-09; the equal invoice Wed 09-10 10:00
# completes the conditions.  payment_term 30 days: 09-11 .. 09-30 = 20, 10-01 .. 10-10 = 30; Fri 10-10
# is a working day → due 10-11T00:00 (a count that moved a 10-02 end over the holiday would give
# 10-10T00:00; either way the make-up Saturday 10-11 is the first late day).
# 8.3 逾期超出15天, a term (not moved): 10-11 (1) .. Sat 10-25 (15) → the right arises at Sun 10-26T00:00.
# Installment 1 (conditions complete Fri 07-04 10:00, due 08-05T00:00) is paid on 07-25: in time.
PAY2 = dict(status="violated", triggered_at="2025-09-10T10:00:00+08:00", due="2025-10-11T00:00:00+08:00",
            debtor="甲方", creditor="乙方")
PAY1 = ("pay_installment_1", "fin-002", dict(status="fulfilled", due="2025-08-05T00:00:00+08:00",
                                              fulfilled_at="2025-07-25T10:00:00+08:00"))

# (golden case name, expectations); the facts are the stream's own, the as_of the golden case's.
EXPECT: list[tuple[str, Case]] = [
    ("late-payment-2-day-15", Case(
        # ¥1,000,000.00 on Mon 10-20 (late: it does not cure, the sum is short), the rest ¥396,000.00 at
        # Sat 10-25 23:59:59, the last second of the 15th late day: paid in full within the 15 days →
        # no termination right, no 5%.  Damages 0.1% × ¥6,980,000.00 = ¥6,980.00 for each day begun
        # from 10-11 to 10-25: 15 days = ¥104,700.00.  The contract does not end.
        "", [], "",
        obligations=[("pay_installment_2", "fin-005", dict(PAY2, fulfilled_at="2025-10-25T23:59:59+08:00")), PAY1],
        remedies=[dict(name="late_payment_damages", holder="乙方", amount="104700.00",
                       since="2025-10-11T00:00:00+08:00")],
        absent=[("remedies", "supplier_termination")],
        counts={("remedies", "late_payment_damages"): 1},
        contract_life=life(None, None, None),
    )),
    ("supplier-terminates", Case(
        # the same, but the rest is paid at Sun 10-26 00:00:00, the first instant of the 16th day: too
        # late to cure → supplier_termination since 10-26T00:00, 5% = ¥349,000.00.  Damages 10-11 ..
        # 10-26: 16 days = ¥111,680.00.  乙方 terminates (late_payment) Mon 10-27 09:00; under the
        # file's reading the contract ends at that fact.  附件2 六: 3 years as a term after 10-27 →
        # 2028-10-27 → confidentiality due 2028-10-28T00:00.
        "", [], "",
        obligations=[("pay_installment_2", "fin-005", dict(PAY2, fulfilled_at="2025-10-26T00:00:00+08:00")), PAY1,
                     ("confidentiality", ANY, dict(status="active", due="2028-10-28T00:00:00+08:00"))],
        remedies=[dict(name="late_payment_damages", holder="乙方", amount="111680.00"),
                  dict(name="supplier_termination", holder="乙方", amount="349000.00",
                       since="2025-10-26T00:00:00+08:00", status="exercised")],
        counts={("remedies", "supplier_termination"): 1},
        findings={"termination_without_right": 0},
        contract_life=life("2025-10-27T09:00:00+08:00", "supplier_terminates", "oa-007"),
    )),
    ("supplier-terminates@termination_effective=on-delivery-of-the-notice", Case(
        # on delivery of the notice: 乙方's fax about the unpaid invoice (ref fin-005, 10-27 09:30) and
        # a personal notice about a meeting (no ref, signed 10-28 11:00) are not about the termination;
        # the express letter about it (ref oa-007) sent Wed 10-29 10:00, local: 10-30 (1), 10-31 (2),
        # Sat 11-01 (3) → deemed delivered 2025-11-01T00:00, not moved to Monday → the contract ends
        # then.  Confidentiality: 3 years after 11-01 → 2028-11-01 → due 2028-11-02T00:00.
        "", [], "",
        obligations=[("confidentiality", ANY, dict(status="active", due="2028-11-02T00:00:00+08:00"))],
        remedies=[dict(name="supplier_termination", holder="乙方", amount="349000.00",
                       since="2025-10-26T00:00:00+08:00", status="exercised"),
                  dict(name="late_payment_damages", holder="乙方", amount="111680.00")],
        events=[("notice_delivered", "2025-10-27T09:30:00+08:00"), ("notice_delivered", "2025-10-28T11:00:00+08:00"),
                ("notice_delivered", "2025-11-01T00:00:00+08:00"),
                ("supplier_terminates", "2025-11-01T00:00:00+08:00")],
        contract_life=life("2025-11-01T00:00:00+08:00", "supplier_terminates", "notice_delivered:oa-010"),
    )),
    ("late-payment-3-day-16", Case(
        # 2.2(3): prepayment guarantee ¥2,094,000.00 valid to 2026-12-31 (beyond the service period's
        # last day 2026-06-27) on 08-20, application 09-01; the equal invoice Tue 2025-09-02 10:00, after
        # the two months of service passed (09-02T00:00), completes the conditions.  30 days: 09-03 ..
        # 10-02 (30th), in the National Day holiday → Thu 10-09 → due 10-10T00:00.  15 days as a term:
        # 10-10 (1) .. Fri 10-24 (15) → right at Sat 10-25T00:00.  ¥2,000,000.00 on 10-17 (short), the
        # rest ¥94,000.00 at Sat 10-25 00:00:00, the first instant of the 16th day: too late → 乙方 holds
        # the right and 5% = ¥349,000.00 since 10-25T00:00 (not exercised).  Damages 10-10 .. 10-25:
        # 16 days × ¥6,980.00 = ¥111,680.00.  Installment 2 never falls due (no mid-term report).
        "", [], "",
        obligations=[("pay_installment_3", "fin-303",
                      dict(status="violated", triggered_at="2025-09-02T10:00:00+08:00", due="2025-10-10T00:00:00+08:00",
                           fulfilled_at="2025-10-25T00:00:00+08:00", debtor="甲方", creditor="乙方")), PAY1],
        remedies=[dict(name="late_payment_damages", holder="乙方", amount="111680.00", since="2025-10-10T00:00:00+08:00"),
                  dict(name="supplier_termination", holder="乙方", amount="349000.00",
                       since="2025-10-25T00:00:00+08:00", status="held")],
        absent=[("obligations", "pay_installment_2")],
        contract_life=life(None, None, None),
    )),
    ("public-interest-by-notice", Case(
        # harm found Fri 2026-01-09 15:00; 甲方 terminates (public_interest) Thu 01-29 09:00: under the
        # file's reading the contract ends then, whatever notices follow.
        "", [], "",
        remedies=[dict(name="buyer_termination", holder="甲方", since="2026-01-09T15:00:00+08:00",
                       status="exercised")],
        contract_life=life("2026-01-29T09:00:00+08:00", "buyer_terminates", "oa-102"),
    )),
    ("public-interest-by-notice@termination_effective=on-delivery-of-the-notice", Case(
        # 甲方's fax about the harm itself (ref oa-101, 01-29 10:00) does not end the contract.  The
        # express letter about the termination (ref oa-102) sent Thu 01-29 11:00: 01-30 (1), 01-31
        # (2), Sun 02-01 (3) → deemed delivered 2026-02-01T00:00 (a Sunday, not moved) → the contract
        # ends then; the personal copy signed Tue 02-03 09:00 comes after the end (a second
        # termination: already_terminated).  Confidentiality: 2029-02-01 → due 2029-02-02T00:00.
        "", [], "",
        obligations=[("confidentiality", ANY, dict(status="active", due="2029-02-02T00:00:00+08:00"))],
        events=[("notice_delivered", "2026-01-29T10:00:00+08:00"), ("notice_delivered", "2026-02-01T00:00:00+08:00"),
                ("notice_delivered", "2026-02-03T09:00:00+08:00"), ("buyer_terminates", "2026-02-01T00:00:00+08:00")],
        counts={("events", "buyer_terminates"): 1},
        findings={"already_terminated": 1},
        contract_life=life("2026-02-01T00:00:00+08:00", "buyer_terminates", "notice_delivered:oa-104"),
    )),
    ("without-cause-by-notice@termination_effective=on-delivery-of-the-notice", Case(
        # 甲方 terminates on ground "other" (no 3.1.3, 8.3 or 8.4 right) Fri 2026-02-13 17:00.  A fax about
        # a meeting (ref oa-001, 18:00) is not about it.  The local registered letter about it
        # (ref oa-201) posted Fri 02-13 17:30: Sat 02-14 (1, a make-up working day), 02-15 (2), Mon 02-16
        # (3, Spring Festival) → deemed delivered 2026-02-16T00:00, not moved → the contract ends then,
        # without cause: 乙方 keeps what it was paid and gets 5% = ¥349,000.00.  The personal copy has
        # no signature: its delivery is undetermined (one finding).  Confidentiality: 2029-02-16 →
        # due 2029-02-17T00:00.
        "", [], "",
        obligations=[("confidentiality", ANY, dict(status="active", due="2029-02-17T00:00:00+08:00"))],
        remedies=[dict(name="unjustified_termination_damages", holder="乙方", amount="349000.00",
                       since="2026-02-16T00:00:00+08:00")],
        events=[("notice_delivered", "2026-02-13T18:00:00+08:00"), ("notice_delivered", "2026-02-16T00:00:00+08:00"),
                ("buyer_without_cause", "2026-02-16T00:00:00+08:00")],
        findings={"notice_delivery_undetermined": 1},
        contract_life=life("2026-02-16T00:00:00+08:00", "buyer_without_cause", "notice_delivered:oa-202"),
    )),
    ("force-majeure-termination-by-notice@termination_effective=on-delivery-of-the-notice", Case(
        # force majeure on 乙方's side Mon 2026-03-02 08:00: 8.4's 2 days 03-03, 03-04 → due 03-05T00:00;
        # 乙方's fax at 12:00 (ref fm-301) → fulfilled.  Both parties may terminate; 甲方 decides
        # (force_majeure) Tue 03-03 09:00 and its notice (ref oa-303) is signed for personally at
        # 15:30 → the contract ends 03-03 15:30, by 甲方's right (乙方's lapses).  The earlier fax is not
        # about the termination.  Confidentiality: 2029-03-03 → due 2029-03-04T00:00.
        "", [], "",
        obligations=[("force_majeure_notice", "fm-301", dict(status="fulfilled", due="2026-03-05T00:00:00+08:00",
                                                              fulfilled_at="2026-03-02T12:00:00+08:00")),
                     ("confidentiality", ANY, dict(status="active", due="2029-03-04T00:00:00+08:00"))],
        remedies=[dict(name="force_majeure_termination", holder="甲方", status="exercised"),
                  dict(name="force_majeure_termination", holder="乙方", status="lapsed")],
        events=[("force_majeure_terminates", "2026-03-03T15:30:00+08:00")],
        contract_life=life("2026-03-03T15:30:00+08:00", "force_majeure_terminates", "notice_delivered:oa-304"),
    )),
]

# 8.6 by agreement.  Force majeure on 甲方's side Thu 2026-01-29 10:00, never notified: 2 days 01-30,
# Sat 01-31 → rest, Sun 02-01 rest → Mon 02-02 → due 02-03T00:00.  One record Fri 01-30 17:00, the
# other Wed 02-04 09:00.  One record of the agreement: the contract ends at the first record, before
# the notice is due → discharged; confidentiality 2029-01-30 → due 2029-01-31T00:00; the later record
# is a second termination (already_terminated).  A record from each party: it ends at the later one,
# 02-04 09:00, after the notice fell due → violated; confidentiality due 2029-02-05T00:00.
for order in ("buyer-first", "supplier-first"):
    EXPECT.append((f"agreement-{order}", Case(
        "", [], "",
        obligations=[("force_majeure_notice", "fm-401", dict(status="discharged", due="2026-02-03T00:00:00+08:00",
                                                              debtor="甲方", creditor="乙方")),
                     ("confidentiality", ANY, dict(due="2029-01-31T00:00:00+08:00"))],
        findings={"already_terminated": 1},
        contract_life=life("2026-01-30T17:00:00+08:00", "by_agreement", "oa-402"),
    )))
    EXPECT.append((f"agreement-{order}@agreement_record=a-record-from-each-party", Case(
        "", [], "",
        obligations=[("force_majeure_notice", "fm-401", dict(status="violated", due="2026-02-03T00:00:00+08:00",
                                                              fulfilled_at=None)),
                     ("confidentiality", ANY, dict(due="2029-02-05T00:00:00+08:00"))],
        findings={"already_terminated": 0},
        counts={("events", "by_agreement"): 1},
        contract_life=life("2026-02-04T09:00:00+08:00", "by_agreement", "oa-403"),
    )))

EXPECT += [
    ("address-change", Case(
        # 10.2: 乙方's address changes Mon 2026-03-16 10:00; 10 days before, counted back: 03-15 (1) ..
        # Fri 03-06 (10) → the notice must arrive by 24:00 of 03-06, due 03-07T00:00 (a Saturday; a
        # period counted back is not moved).  甲方's address_change fax (03-02, the wrong sender) and
        # 乙方's fax about staffing (03-03, the wrong subject) do not count; 乙方's local express
        # letter sent Wed 03-04 10:00 is deemed delivered on its 3rd day Sat 03-07T00:00 — the first
        # late instant → violated, performed late.  A second change Mon 05-18 09:00: 05-17 (1) .. Fri
        # 05-08 (10) → due 05-09T00:00; 乙方's fax at 05-08 23:59:59 → fulfilled (the March letter
        # announced the first change only: `exclusively`).
        "", [], "",
        obligations=[("address_change_notice", "oa-504",
                      dict(status="violated", triggered_at="2026-03-16T10:00:00+08:00", due="2026-03-07T00:00:00+08:00",
                           fulfilled_at="2026-03-07T00:00:00+08:00", debtor="乙方", creditor="甲方")),
                     ("address_change_notice", "oa-506",
                      dict(status="fulfilled", due="2026-05-09T00:00:00+08:00",
                           fulfilled_at="2026-05-08T23:59:59+08:00"))],
        events=[("notice_delivered", "2026-03-07T00:00:00+08:00")],
    )),
    ("notice-signed-early", Case(
        # 10.3 with a receipt.  fm-601 Tue 03-03 14:00 (乙方): due 03-06T00:00; local express sent 16:00
        # would be deemed delivered on its 3rd day 03-06T00:00 (late), but is signed for Wed 03-04
        # 11:00, earlier → delivered then (第137条) → fulfilled.  fm-602 Thu 03-05 14:00: 03-06, Sat 03-07
        # → Mon 03-09 → due 03-10T00:00; local registered letter posted 15:00, signed for at exactly
        # its 3rd day Sun 03-08 00:00 → on the deemed day, at the instant signed (第137条; counsel round 30),
        # 03-08T00:00 → fulfilled.  fm-603
        # Mon 03-09 09:00 (甲方): due 03-12T00:00; local express 10:00 signed for Fri 03-13 10:00, later
        # than day 3 → delivered Thu 03-12T00:00, the first late instant → violated.  fm-604 Mon 03-16
        # 09:00: due 03-19T00:00; express outside the city signed for Tue 03-17 16:00 → delivered then
        # → fulfilled.  fm-605 Wed 03-18 09:00 (甲方): due 03-21T00:00; local express without receipt
        # → Sat 03-21T00:00 (not moved) → violated.
        "", [], "",
        obligations=[
            ("force_majeure_notice", "fm-601", dict(status="fulfilled", due="2026-03-06T00:00:00+08:00",
                                                    fulfilled_at="2026-03-04T11:00:00+08:00")),
            ("force_majeure_notice", "fm-602", dict(status="fulfilled", due="2026-03-10T00:00:00+08:00",
                                                    fulfilled_at="2026-03-08T00:00:00+08:00")),
            ("force_majeure_notice", "fm-603", dict(status="violated", due="2026-03-12T00:00:00+08:00",
                                                    fulfilled_at="2026-03-12T00:00:00+08:00",
                                                    debtor="甲方", creditor="乙方")),
            ("force_majeure_notice", "fm-604", dict(status="fulfilled", due="2026-03-19T00:00:00+08:00",
                                                    fulfilled_at="2026-03-17T16:00:00+08:00")),
            ("force_majeure_notice", "fm-605", dict(status="violated", due="2026-03-21T00:00:00+08:00",
                                                    fulfilled_at="2026-03-21T00:00:00+08:00")),
        ],
        findings={"notice_delivery_undetermined": 0},
    )),
]

BY_GOLDEN = {c.golden: c for c in GOLDEN_CASES}


@pytest.mark.parametrize("name,expect", EXPECT, ids=[n for n, _ in EXPECT])
def test_stream_verdicts_counted_by_hand(seed, name, expect):
    case = BY_GOLDEN[name]
    report = rules_for(seed, case.assume).evaluate(stream(case.stream), case.as_of)
    check_report(report, expect)


# 10.3.1–10.3.4 deemed delivery: which rule gave each notice's instant (the reason, not only the time)
REASONS = {"oa-601": "第137条", "oa-602": "第137条", "oa-603": "10.3.3", "oa-604": "第137条", "oa-605": "10.3.3"}


def test_deemed_delivery_says_which_rule(seed):
    case = BY_GOLDEN["notice-signed-early"]
    report = seed.evaluate(stream(case.stream), case.as_of, lang="en")
    got = {e["source"]: " ".join(e["because"]) for e in report["events"] if e["name"] == "notice_delivered"}
    for source, reason in REASONS.items():
        assert reason in got[source], (source, got[source])
    assert "推定送达日当日签收" in got["oa-602"]  # signed for ON the 3rd day: at the instant signed (counsel 30)


def test_every_new_stream_is_counted_by_hand():
    """Every case added after the first thirteen has its hand count here (the refused one in
    tests/test_errors.py)."""
    added = {c.golden for c in GOLDEN_CASES[13:] if not c.refused}
    assert added == {n for n, _ in EXPECT}
