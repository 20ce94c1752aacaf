"""The fourth example contract, an office lease (房屋租赁合同, rules/examples/office-lease.qy), written by a legal engineer
new to qiyue.  Each figure was counted by hand first (facts/lease/EXPECTED.md of its author) on the official calendar
and 民法典第201–203、703–734条.  Calendar facts: Qingming 2026-04-04…06, Labour Day 05-01…05, National Day 10-01…07 with
the make-up Saturday 10-10; Spring Festival 02-15…23 with the make-up Saturdays 02-14 and 02-28.  Per-day amounts
count each day begun up to the report's instant (a bare-date as_of begins its day)."""
from pathlib import Path

import pytest

from engine.api import compile_file

ROOT = Path(__file__).resolve().parent.parent
LEASE = ROOT / "rules" / "examples" / "office-lease.qy"
FACTS = ROOT / "facts" / "examples"


@pytest.fixture(scope="module")
def lease():
    return compile_file(LEASE)


def evaluate(rules, stream, as_of):
    return rules.evaluate((FACTS / f"{stream}.jsonl").read_text(encoding="utf-8").splitlines(), as_of)


def dues(report, name):
    return {o["trigger"]: (o["status"], o["due"]) for o in report["obligations"] if o["name"] == name
            and o["status"] != "inactive"}


def amounts(report, name):
    return [(r["status"], r["amount"]) for r in report["remedies"] if r["name"] == name]


def test_rent_by_the_fifth_moved_off_rest_days_and_holidays(lease):
    r = evaluate(lease, "lease-rent-holidays", "2026-10-20")
    rent = dues(r, "pay_rent")
    # 4 days from 00:00 of the 1st (the 2nd … the 5th), moved by 第203条: Qingming → Tue 04-07, Labour Day → Wed 05-06,
    # Sun 07-05 → Mon 07-06, Sat 09-05 → Mon 09-07, National Day → Thu 10-08
    assert [rent[m][1] for m in ("2026-04", "2026-05", "2026-07", "2026-09", "2026-10")] == [
        "2026-04-08T00:00:00+08:00", "2026-05-07T00:00:00+08:00", "2026-07-07T00:00:00+08:00",
        "2026-09-08T00:00:00+08:00", "2026-10-09T00:00:00+08:00"]
    # September's paid at 00:00 of 09-08, the first late instant: one day of 0.05% × ¥48,000.00
    assert rent["2026-09"][0] == "violated" and amounts(r, "late_rent_damages") == [("held", "24.00")]


def test_damages_on_what_is_still_unpaid(lease):
    r = evaluate(lease, "lease-part-payments", "2026-01-20")
    # November: 5 days × ¥24.00 (all unpaid) + 10 days × ¥14.00 (¥28,000.00 unpaid); December short by ¥0.01: ¥0.00
    assert amounts(r, "late_rent_damages") == [("held", "260.00"), ("held", "0.00")]


def test_termination_for_rent_more_than_30_days_late_and_the_deposits_balance(lease):
    r = evaluate(lease, "lease-late-rent-terminated", "2026-02-20")
    # December due 12-06T00:00, unpaid; 30 days as a term (12-06 … 01-04): the power at 00:00 of 01-05; the notice by
    # express Tue 01-06 deemed delivered Fri 01-09 ends the lease
    assert (r["contract_life"]["ended"], r["contract_life"]["ended_by"]) == (
        "2026-01-09T00:00:00+08:00", "landlord_terminates_late_rent")
    # the premises back within 5 days (01-10 … 01-14), returned 01-16 10:00: 2 days begun × ¥3,200.00
    assert dues(r, "return_premises") == {"landlord_terminates_late_rent:notice_delivered:n1":
                                          ("violated", "2026-01-15T00:00:00+08:00")}
    assert amounts(r, "overstay_fee") == [("held", "6400.00")]
    # 96,000 − 48,000 (December) − 1,008 (42 days of damages to 01-16) − 6,400 = ¥40,592.00
    assert amounts(r, "deposit_balance") == [("held", "40592.00")]
    assert amounts(r, "late_rent_damages") == [("held", "1848.00")]  # (77 days begun to 00:00 of 02-20)


def test_the_tenants_repair_and_set_off(lease):
    r = evaluate(lease, "lease-repair-self-help", "2026-04-20")
    # a notice Tue 02-10: 7 days end Tue 02-17, in Spring Festival → Tue 02-24 (due 02-25T00:00), not repaired
    assert dues(r, "repair")["q1"] == ("violated", "2026-02-25T00:00:00+08:00")
    assert amounts(r, "self_repair_cost") == [("held", "5000.00")]
    # an urgent repair due at 24 hours, 09:00 (included): the landlord's at 09:00:01 is late
    assert dues(r, "repair_urgent")["q3"] == ("violated", "2026-03-11T09:00:00+08:00")
    assert "offset_without_right" in [f["code"] for f in r["findings"]]
    assert amounts(r, "rent_arrears") == [("held", "1000.00")]


def test_a_deposit_refund_over_spring_festival_counts_the_make_up_saturdays(lease):
    r = evaluate(lease, "lease-unauthorised-sublease", "2026-03-10")
    assert r["contract_life"]["ended_by"] == "landlord_terminates_sublease"
    # 10 working days from the return Mon 02-09: 10, 11, 12, 13, Sat 14, 24, 25, 26, 27, Sat 28 → due 03-01T00:00
    assert dues(r, "return_deposit") == {"ret": ("violated", "2026-03-01T00:00:00+08:00")}


def test_early_termination_by_the_tenant_over_national_day(lease):
    r = evaluate(lease, "lease-early-termination-national-day", "2026-10-20")
    # express Fri 10-02 deemed delivered on the 3rd day, Mon 10-05 (in National Day: a deemed day is not moved)
    assert r["contract_life"]["ended"] == "2026-10-05T00:00:00+08:00"
    assert amounts(r, "early_termination_damages") == [("held", "96000.00")]
    # back within 5 days (10-06 … the make-up Saturday 10-10, not moved), returned 10-11 08:00: one day
    assert amounts(r, "overstay_fee") == [("held", "3200.00")]


@pytest.mark.parametrize("stream,as_of", [("lease-late-rent-terminated", "2026-02-20"),
                                          ("lease-repair-self-help", "2026-04-20")])
def test_the_durable_backend_gives_the_same_report(lease, stream, as_of):
    """(One line of the lease — a set-off exceeding the cost, two sums compared — is qiyue's own on that backend:
    `qiyue check --backend durable` says so, `live_residual`.)"""
    from engine.live import available
    if not available():
        pytest.skip("durable_rules is not installed")
    lines = (FACTS / f"{stream}.jsonl").read_text(encoding="utf-8").splitlines()
    a, b = lease.evaluate(lines, as_of), lease.evaluate(lines, as_of, backend="durable")
    for key in ("obligations", "events", "remedies", "findings", "contract_life"):
        assert a[key] == b[key], key
