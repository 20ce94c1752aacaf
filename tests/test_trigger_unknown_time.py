"""A duty set off by an event whose instant the contract does not fix (a notice by express outside the city, no
receipt: `otherwise: finding …` of its deemed delivery) is undetermined — not "not triggered", as if no notice had
been sent (counsel round 16: 8.2's 5 days from 甲方's notice).  The same duty set off by a notice whose delivery is
fixed runs as ever; on both backends."""
from __future__ import annotations

import json

import pytest

from engine.api import compile_rules
from seedfacts import on_both_backends

RULES = '''contract "T-UT" { calendar official }
party 甲方 "买方" as buyer
party 乙方 "卖方" as seller
event broke "故障"
event sent "发出通知" { ref: ref (broke) "所涉故障"  method: one of (fax "传真", express "快递") "方式" }
event fixed "修复"
clause "8.2" "修复" {
  deemed delivered "视为送达" {
    for each sent n
    if n.method == "fax": at n "传真：发出之时"
    otherwise: finding delivery_unknown warning "送达时间无法确定"
  }
  obligation repair "接到通知后5日内修复" {
    debtor 乙方
    creditor 甲方
    for each delivered d, broke b where d.ref == b.id
    once per b
    fulfilled by fixed x counting earlier
    within 5 days
  }
}
'''
B = {"id": "b", "type": "broke", "at": "2025-09-01T09:00:00+08:00"}


def run(facts, as_of="2025-10-20"):
    rules = compile_rules(RULES, "ut.qy")
    return on_both_backends(rules, [json.dumps(f, ensure_ascii=False) for f in facts], as_of)


def test_a_notice_of_unknown_delivery_leaves_the_duty_undetermined():
    r = run([B, {"id": "n", "type": "sent", "at": "2025-09-01T10:00:00+08:00", "ref": "b", "method": "express"}])
    (o,) = r["obligations"]
    assert (o["status"], o["due"]) == ("undetermined", None)
    assert any(line.startswith("待定：触发本项义务的") for line in o["because"])
    assert "delivery_unknown" in {f["code"] for f in r["findings"]}


def test_a_fax_sets_it_off_as_ever():
    """Fax Mon 09-01 10:00: 5 days 09-02 … Sat 09-06 → Mon 09-08, due 09-09T00:00; violated by 10-20."""
    r = run([B, {"id": "n", "type": "sent", "at": "2025-09-01T10:00:00+08:00", "ref": "b", "method": "fax"}])
    (o,) = r["obligations"]
    assert (o["status"], o["due"]) == ("violated", "2025-09-09T00:00:00+08:00")


@pytest.mark.parametrize("order", [("express", "fax"), ("fax", "express")])
def test_a_notice_of_known_delivery_and_one_of_unknown(order):
    """Two notices of the one fault (`once per b`), 09-01 10:00 and 11:00: the first decides, known or not."""
    facts = [B] + [{"id": f"n{k}", "type": "sent", "at": f"2025-09-01T1{k}:00:00+08:00", "ref": "b", "method": m}
                   for k, m in enumerate(order)]
    (o,) = run(facts)["obligations"]
    assert o["status"] == ("undetermined" if order[0] == "express" else "violated")
