"""A one-source condition that asks a fact's own attribute for a literal (`payment_made q where q.installment == 1`)
is answered by the attribute alone for the facts that differ (``PatternPlan.bucket``): a trigger is not run for them,
and an aggregate counts the facts an index files under the literal, not every fact of the kind (issue 13: the seed's
three installments each summed every payment and every invoice).  Only when nothing before that part computes
anything (a division by zero must stop the evaluation for every fact, as counting in full does).  Against the same
rules counting in full (no buckets) the reports are equal — hand counts first, then hypothesis."""
from __future__ import annotations

import dataclasses
import json
from datetime import datetime, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from engine.api import compile_rules
from engine.diagnostics import QiyueError
from engine.run.plans import Prepared

RULES = '''contract "B" { calendar official }
party 甲方 "买方" as buyer
party 乙方 "卖方" as seller
event paid "付款" { installment: int  amount: money  kind: text }
event billed "开票" { installment: int  amount: money }
event done "完工"
param first_paid "第一期已付清" = sum(q.amount for each paid q where q.installment == 1) >= ¥100.00
clause "1" "开票" {
  obligation bill_first "开具第一期发票" {
    debtor 乙方
    creditor 甲方
    when first_paid
    fulfilled by billed b where b.installment == 1 and b.amount >= ¥100.00
    within 5 days
  }
}
clause "2" "提前付款" {
  finding paid_early warning "完工前付第二期款" {
    for each paid p where p.installment == 2 and p.kind == "cash" and not exists(done)
  }
}
clause "3" "次数" {
  remedy many "多次付款" {
    holder 乙方
    for each paid p where p.installment == 3 and count(paid x where x.installment == 3) >= 2
    amount ¥10.00
  }
}
'''

START = datetime.fromisoformat("2026-03-02T09:00:00+08:00")


def _rules(text=RULES):
    fast = compile_rules(text, "b.qy")
    full = dataclasses.replace(fast, prepared=Prepared(fast.checked, fast.prepared.calendar, incremental=False))
    return fast, full


FAST, FULL = _rules()


def _lines(facts):
    return [json.dumps(f, ensure_ascii=False) for f in facts]


def _fact(k, kind, minutes, installment=1, amount="50.00", how="cash"):
    f = {"id": f"f{k:02d}", "type": kind, "at": (START + timedelta(minutes=minutes)).isoformat()}
    if kind in ("paid", "billed"):
        f.update(installment=installment, amount=amount)
    if kind == "paid":
        f["kind"] = how
    return f


def test_the_plans_that_take_a_bucket():
    """The two triggers' conditions ask for an installment (and the finding's for a kind too: one key of both)."""
    buckets = sorted((t.pattern.bucket[0], t.pattern.bucket[1]) for _, t in FAST.prepared.all_triggers()
                     if t.kind == "for_each" and t.pattern.bucket is not None)
    assert buckets == [(("paid", ("installment",)), 3), (("paid", ("installment", "kind")), (2, "cash"))]
    assert all(t.pattern.bucket is None for _, t in FULL.prepared.all_triggers() if t.kind == "for_each")


def test_payments_of_other_installments_do_not_count():
    """¥50.00 of installment 1 (09:00), ¥500.00 of installment 2 (09:01), ¥50.00 of installment 1 (09:02): the sum of
    installment 1 reaches ¥100.00 at 09:02 — the duty arises then, due 5 days later (民法典第201条: from 03-03, the
    fifth day 03-07 is a Saturday, moved to Monday 03-09, 24:00)."""
    facts = [_fact(0, "paid", 0), _fact(1, "paid", 1, 2, "500.00"), _fact(2, "paid", 2)]
    report = FAST.evaluate(_lines(facts), "2026-03-20")
    assert report == FULL.evaluate(_lines(facts), "2026-03-20")
    [o] = [o for o in report["obligations"] if o["name"] == "bill_first"]
    assert (o["triggered_at"], o["due"], o["status"]) == (
        "2026-03-02T09:02:00+08:00", "2026-03-10T00:00:00+08:00", "violated")
    [f] = report["findings"][-1:]
    assert "f01" in json.dumps(f, ensure_ascii=False)


def test_a_trigger_is_not_set_off_by_another_installment():
    """Payments of installments 1 and 3 in cash before completion: no finding (it asks for installment 2); the second
    payment of installment 3 gives the remedy (count 2), the first and an installment-1 payment between do not."""
    facts = [_fact(0, "paid", 0, 1), _fact(1, "paid", 1, 3), _fact(2, "paid", 2, 1), _fact(3, "paid", 3, 3)]
    report = FAST.evaluate(_lines(facts), "2026-03-20")
    assert report == FULL.evaluate(_lines(facts), "2026-03-20")
    assert [f for f in report["findings"] if f["code"] == "paid_early"] == []
    assert [r["trigger"] for r in report["remedies"] if r["name"] == "many"] == ["f03"]


def test_simultaneous_payments_of_several_installments():
    """Four payments at one instant, of installments 1, 3, 1, 3 (listed in that order and reversed): installment 1
    reaches ¥100.00 and installment 3 counts 2 at that instant; the same report either way, and as in full."""
    facts = [_fact(0, "paid", 0, 1), _fact(1, "paid", 0, 3), _fact(2, "paid", 0, 1), _fact(3, "paid", 0, 3)]
    for order in (facts, facts[::-1]):
        report = FAST.evaluate(_lines(order), "2026-03-20")
        assert report == FULL.evaluate(_lines(order), "2026-03-20")
        [o] = [o for o in report["obligations"] if o["name"] == "bill_first"]
        assert o["triggered_at"] == "2026-03-02T09:00:00+08:00"
        assert sorted(r["trigger"] for r in report["remedies"] if r["name"] == "many") == ["f01", "f03"]


def test_a_part_that_computes_before_the_literal_keeps_every_fact_tested():
    """`10 / p.installment > 0 and p.installment == 2`: a payment of installment 0 divides by zero before its
    installment is compared — the evaluation stops, as counting in full does; no bucket is taken."""
    text = RULES.replace('p.installment == 2 and p.kind == "cash"', '10 / p.installment > 0 and p.installment == 2')
    fast, full = _rules(text)
    [trig] = [t for _, t in fast.prepared.all_triggers()
              if t.kind == "for_each" and t.pattern.sources[0][0] == "paid" and t.pattern.bucket is None]
    facts = [_fact(0, "paid", 0, 0)]
    for rules in (fast, full):
        with pytest.raises(QiyueError):
            rules.evaluate(_lines(facts), "2026-03-20")


KINDS = ["paid", "billed", "done"]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.sampled_from(KINDS), st.integers(0, 6 * 24 * 60), st.integers(1, 3),
                          st.sampled_from(["0.00", "50.00", "100.00"]), st.sampled_from(["cash", "wire"])),
                max_size=14),
       st.integers(0, 10 * 24 * 60))
def test_buckets_agree_with_counting_in_full(events, as_of_minutes):
    """Random streams (facts at shared instants too, in any order), at a random instant: the same report."""
    facts = [_fact(k, kind, minutes, i, a, how) for k, (kind, minutes, i, a, how) in enumerate(events)]
    as_of = (START + timedelta(minutes=as_of_minutes)).isoformat()
    assert FAST.evaluate(_lines(facts), as_of) == FULL.evaluate(_lines(facts), as_of)
