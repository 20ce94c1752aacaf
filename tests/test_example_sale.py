"""The third example contract, a sale of equipment (买卖合同, rules/examples/equipment-sale.qy, Chinese keywords),
written by a legal engineer new to qiyue.  Each due instant and amount below was counted by hand first on the
official calendar (chinese-calendar) and 民法典第201–203、586–588、620–621、634条; the comment beside each
says how.  Calendar facts used: National Day 2025 1–8 Oct with Sun 09-28 and Sat 10-11 make-up working days;
Spring Festival 2026 15–23 Feb with Sat 02-14 and Sat 02-28 make-up working days; 2027 has no calendar yet."""
import json
from pathlib import Path

import pytest

from engine.api import compile_file

ROOT = Path(__file__).resolve().parent.parent
SALE = ROOT / "rules" / "examples" / "equipment-sale.qy"
FACTS = ROOT / "facts" / "examples"


@pytest.fixture(scope="module")
def sale():
    return compile_file(SALE)


def evaluate(rules, stream, as_of, backend="reference"):
    return rules.evaluate((FACTS / f"{stream}.jsonl").read_text(encoding="utf-8").splitlines(), as_of,
                          backend=backend)


def ob(report, name, trigger=None):
    (o,) = [o for o in report["obligations"] if o["name"] == name and o["status"] != "inactive"
            and (trigger is None or o["trigger"] == trigger)]
    return o["status"], o["due"], o["fulfilled_at"]


def remedies(report, name):
    return [(r["status"], r["amount"]) for r in report["remedies"] if r["name"] == name]


def event_at(report, name):
    return [e["at"] for e in report["events"] if e["name"] == name]


def test_the_rules_check_clean(sale):
    assert not [f for f in sale.checked.findings if f.severity == "error"]


def test_a_clean_year(sale):
    r = evaluate(sale, "sale-clean-year", "2027-03-05")
    # 定金: 5 working days from Fri 2025-09-26 — Sun 09-28 (make-up), 09-29, 09-30, (10-01…10-08 holiday), 10-09,
    # 10-10 → due 24:00 of Fri 10-10; paid 16:00
    assert ob(r, "pay_deposit") == ("fulfilled", "2025-10-11T00:00:00+08:00", "2025-10-10T16:00:00+08:00")
    # installation within 15 days of acceptance (Thu 02-05): last day Fri 02-20, in Spring Festival → Tue 02-24
    assert ob(r, "install")[:2] == ("fulfilled", "2026-02-25T00:00:00+08:00")
    # the first installment within 10 working days of its invoice: counts the make-up Saturday 02-14 → 24:00 02-27
    assert ob(r, "pay_installment_1")[:2] == ("fulfilled", "2026-02-28T00:00:00+08:00")
    # the warranty: 12 months from 02-24, lengthened by 3 days of downtime → 24:00 of 2027-02-27
    assert event_at(r, "warranty_end") == ["2027-02-28T00:00:00+08:00"]


def test_late_delivery_damages_or_the_earnest_money_returned_double(sale):
    r = evaluate(sale, "sale-late-delivery-terminated", "2026-03-10")
    # delivery due 24:00 of 01-30, never made; 30 days (not moved) → the power at 00:00 of 03-02, used then
    assert r["contract_life"]["ended"] == "2026-03-02T00:00:00+08:00"
    # 31 days begun from 00:00 of 01-31 to the day the contract ended (03-02) × ¥1,200.00; or 2 × ¥400,000.00
    assert remedies(r, "late_delivery_damages") == [("held", "37200.00")]
    assert remedies(r, "deposit_double_return") == [("held", "800000.00")]
    assert {x["name"]: x["alternatives"] for x in r["remedies"] if x["alternatives"]} == {
        "late_delivery_damages": ["deposit_double_return"], "deposit_double_return": ["late_delivery_damages"]}


def test_an_objection_delivered_the_day_after_the_inspection_period(sale):
    r = evaluate(sale, "sale-inspection-objection-late", "2026-03-10")
    # 15 days from Fri 01-30 end on the make-up Saturday 02-14 → deemed conforming at 24:00 of 02-14; the
    # objection sent by express Thu 02-12 is deemed delivered on Sun 02-15, after it: no duty to rectify
    assert event_at(r, "deemed_conforming") == ["2026-02-15T00:00:00+08:00"]
    assert not [o for o in r["obligations"] if o["name"] == "rectify" and o["status"] != "inactive"]


@pytest.mark.parametrize("backend", ["reference", "durable"])
def test_634_the_whole_price_or_termination(sale, backend):
    if backend == "durable":
        from engine.live import available
        if not available():
            pytest.skip("durable_rules is not installed")
    # unpaid due price exactly ¥480,000.00 (one fifth); demand delivered Mon 03-02 10:00; 15 days → 24:00 03-17
    r = evaluate(sale, "sale-installments-terminated", "2026-03-31T12:00:00+08:00", backend)
    assert r["contract_life"]["ended_by"] == "seller_terminates_installments"
    assert remedies(r, "installment_termination") == [("exercised", None)]
    assert remedies(r, "installment_default") == [("lapsed", "1440000.00")]
    assert remedies(r, "deposit_forfeited") == [("held", "480000.00")]
    # late-payment damages: 32 days begun from 00:00 of 02-28 to 03-31 × ¥240.00
    assert remedies(r, "late_payment_damages_1") == [("held", "7680.00")]
    # the same right, then ¥480,000.00 paid 03-19: ¥960,000.00 of the price is still claimable
    r = evaluate(sale, "sale-installments-whole-price", "2026-03-31T12:00:00+08:00", backend)
    assert remedies(r, "installment_default") == [("held", "960000.00")]
    assert remedies(r, "installment_termination") == [("held", None)]


def test_the_warranty_lengthened_by_downtime(sale):
    r = evaluate(sale, "sale-warranty-downtime", "2027-03-10")
    # downtime 3 + 2 + 1 days: the warranty ends at 24:00 of 2027-03-02; a fault at 00:00 of 03-02 is covered
    assert event_at(r, "warranty_end") == ["2027-03-03T00:00:00+08:00"]
    # two visits 1 s late (f2) and f4's on-site visit missed: three rows of ¥2,000.00
    assert remedies(r, "late_service_damages") == [("held", "2000.00")] * 3


def test_a_force_majeure_notice_over_a_weekend(sale):
    r = evaluate(sale, "sale-force-majeure-weekend", "2026-03-12")
    # force majeure Thu 03-05: 3 days end Sun 03-08 → Mon 03-09 (第203条), due 03-10T00:00; express sent Fri 03-06
    # deemed delivered Mon 03-09 (in time), sent Sat 03-07 deemed Tue 03-10 00:00 (late)
    assert ob(r, "force_majeure_notice", "fmA") == ("fulfilled", "2026-03-10T00:00:00+08:00", "2026-03-09T00:00:00+08:00")
    assert ob(r, "force_majeure_notice", "fmB")[0] == "violated"
