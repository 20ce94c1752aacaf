"""8.3 late-payment damages accrue per begun day; the termination right after 15 days;
10.2 a notice owed *before* an event (counted back).  Counted by hand from the contract."""
import pytest

from seedfacts import PAY_1, lines, rows


def remedies(report, name):
    return rows(report, "remedies", name)


@pytest.mark.parametrize("as_of,amount", [
    # 每开始一日计一日: the day that begins at the report's instant has begun, as a payment at
    # that instant is on that day and late (time-and-law.md: an act at 00:00 is on the next day)
    ("2025-08-05T00:00:00+08:00", "6980.00"),    # the first late instant: 08-05 has begun
    ("2025-08-05T00:01:00+08:00", "6980.00"),    # one begun day × 0.1% of ¥6,980,000.00
    ("2025-08-20T00:00:00+08:00", "111680.00"),  # 08-05 … 08-20: 16 begun days × 6,980
])
def test_late_payment_damages_accrue_per_day_until_as_of(seed, as_of, amount):
    (r,) = remedies(seed.evaluate(lines(PAY_1), as_of), "late_payment_damages")
    assert (r["holder"], r["since"], r["amount"]) == ("乙方", "2025-08-05T00:00:00+08:00", amount)


def test_late_payment_damages_stop_at_the_late_payment(seed):
    paid = PAY_1 + [{"id": "pay", "type": "payment_made", "at": "2025-08-25T10:00:00+08:00", "installment": 1,
                     "amount": "3490000.00"}]
    report = seed.evaluate(lines(paid), "2025-12-31")
    (r,) = remedies(report, "late_payment_damages")
    assert r["amount"] == "146580.00"  # 08-05 .. 08-25: 21 begun days × 6,980
    row = next(o for o in report["obligations"] if o["name"] == "pay_installment_1")
    assert (row["status"], row["fulfilled_at"]) == ("violated", "2025-08-25T10:00:00+08:00")


@pytest.mark.parametrize("paid_at,termination", [
    # last day Mon 08-04; "逾期超出15天": 15 days from 08-04 as a term end 24:00 Tue 08-19
    ("2025-08-19T23:59:00+08:00", []),
    ("2025-08-20T09:00:00+08:00", [("2025-08-20T00:00:00+08:00", "349000.00")]),
    (None, [("2025-08-20T00:00:00+08:00", "349000.00")]),
])
def test_supplier_may_terminate_after_more_than_15_days(seed, paid_at, termination):
    facts = PAY_1 + ([{"id": "pay", "type": "payment_made", "at": paid_at, "installment": 1,
                       "amount": "3490000.00"}] if paid_at else [])
    got = remedies(seed.evaluate(lines(facts), "2025-12-31"), "supplier_termination")
    assert [(r["since"], r["amount"]) for r in got] == termination


ADDRESS = [
    {"id": "sign", "type": "contract_signed", "at": "2025-06-27T10:00:00+08:00"},  # 11.1
    # 乙方 moves on Wed 03-11: notice due by 24:00 Sun 03-01 (10 days before, not moved)
    {"id": "n1", "type": "notice_sent", "at": "2026-03-01T09:00:00+08:00", "from": "乙方", "to": "甲方",
     "subject": "address_change", "method": "fax"},
    {"id": "a1", "type": "address_changed", "at": "2026-03-11T09:00:00+08:00", "party": "乙方"},
    # 甲方 moves on Sat 04-11: due by 24:00 Wed 04-01; its fax of 04-02 09:00 is late
    {"id": "n2", "type": "notice_sent", "at": "2026-04-02T09:00:00+08:00", "from": "甲方", "to": "乙方",
     "subject": "address_change", "method": "fax"},
    {"id": "a2", "type": "address_changed", "at": "2026-04-11T09:00:00+08:00", "party": "甲方"},
]


def test_address_change_notice_is_counted_back_from_the_change(seed):
    rows = {o["trigger"]: o for o in seed.evaluate(lines(ADDRESS), "2026-05-01")["obligations"]
            if o["name"] == "address_change_notice"}
    assert (rows["a1"]["status"], rows["a1"]["due"], rows["a1"]["debtor"], rows["a1"]["creditor"]) == \
        ("fulfilled", "2026-03-02T00:00:00+08:00", "乙方", "甲方")
    assert (rows["a2"]["status"], rows["a2"]["due"], rows["a2"]["fulfilled_at"]) == \
        ("violated", "2026-04-02T00:00:00+08:00", "2026-04-02T09:00:00+08:00")


@pytest.mark.parametrize("paid_at,amount", [
    ("2025-08-05T00:00:00+08:00", "6980.00"),    # at the first late instant: on 08-05, one day late
    ("2025-08-05T23:59:59+08:00", "6980.00"),    # still the one begun day
    ("2025-08-06T00:00:00+08:00", "13960.00"),   # the second day has begun
    ("2025-08-05", "6980.00"),                   # a payment on 08-05, time not given: that day counts
])
def test_a_payment_counts_the_days_begun_to_it_as_as_of_does(seed, paid_at, amount):
    # the same instant as a payment and as an as_of gives the same damages (8.3 每开始一日计一日)
    paid = PAY_1 + [{"id": "p", "type": "payment_made", "at": paid_at, "installment": 1, "amount": "3490000.00"}]
    (r,) = remedies(seed.evaluate(lines(paid), "2025-09-01"), "late_payment_damages")
    assert r["amount"] == amount
    if "T" in paid_at:
        (unpaid,) = remedies(seed.evaluate(lines(PAY_1), paid_at), "late_payment_damages")
        assert unpaid["amount"] == amount
