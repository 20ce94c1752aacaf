"""`NAME.performed_late` (`NAME.逾期履行`): the stage of a violated duty performed after all, at the instant of that
performance — so that "逾期付款超过30日的，出租人有权解除合同" can be written once, whatever performs the duty
(a lease's author had to restate the duty's whole condition inside `unless`, and `unless pay.fulfilled …` never
matched: a violated duty is never fulfilled)."""
import json
import textwrap

import pytest

from engine.api import compile_rules
from engine.live import available

RULES = textwrap.dedent('''\
    contract "PL-1" "租赁（测试）" { calendar official }
    party 甲方 "出租人" as buyer
    party 乙方 "承租人" as supplier
    event billed "账单" { month: text }
    event paid "付款" { month: text amount: money }
    clause "3" "租金" {
      obligation pay_rent "支付租金" {
        debtor 乙方
        creditor 甲方
        for each billed b
        fulfilled by paid p where p.month == b.month
        within 5 days
      }
      remedy end_lease "逾期付款超过30日，出租人解除合同" {
        holder 甲方
        for each pay_rent.violated o unless pay_rent.performed_late y where y.b.id == o.b.id within 30 days as term
      }
      remedy paid_late "逾期付款" {
        holder 甲方
        for each pay_rent.逾期履行 y
      }
    }
    ''')

# b1 Mon 03-02 10:00, 5 days: last day Sat 03-07 → Mon 03-09 (第203条), due 03-10T00:00; paid 03-20: late, within the
# 30 days (03-10 … 04-08) → no right to end.  b2 Wed 04-01 10:00: last day Mon 04-06 (清明) → Tue 04-07, due
# 04-08T00:00; never paid: 30 days as term from the violation at 24:00 of 04-07 → 04-08 … 05-07 → right from 05-08T00:00
FACTS = [{"id": "b1", "type": "billed", "at": "2026-03-02T10:00:00+08:00", "month": "2026-03"},
         {"id": "p1", "type": "paid", "at": "2026-03-20T10:00:00+08:00", "month": "2026-03", "amount": "100.00"},
         {"id": "b2", "type": "billed", "at": "2026-04-01T10:00:00+08:00", "month": "2026-04"}]


@pytest.mark.parametrize("backend", ["reference", "durable"])
def test_a_late_performance_is_a_stage_other_rules_read(backend):
    if backend == "durable" and not available():
        pytest.skip("durable_rules not installed (the [live] extra)")
    compiled = compile_rules(RULES, "t.qy")
    lines = [json.dumps(f, ensure_ascii=False) for f in FACTS]
    report = compiled.evaluate(lines, "2026-06-01", backend=backend)
    assert [(o["trigger"], o["status"], o["due"], o["fulfilled_at"]) for o in report["obligations"]] == [
        ("b1", "violated", "2026-03-10T00:00:00+08:00", "2026-03-20T10:00:00+08:00"),
        ("b2", "violated", "2026-04-08T00:00:00+08:00", None)]
    assert [(r["name"], r["since"]) for r in report["remedies"]] == [
        ("paid_late", "2026-03-20T10:00:00+08:00"), ("end_lease", "2026-05-08T00:00:00+08:00")]
    assert any("已逾期履行" in line for line in report["remedies"][0]["because"])
    # as of 05-07 the second is still within its 30 days
    assert [r["name"] for r in compiled.evaluate(lines, "2026-05-07T23:59:59+08:00", backend=backend)["remedies"]] == \
        ["paid_late"]


def test_a_stage_misspelt_is_refused_with_the_stages_there_are():
    from engine.diagnostics import QiyueError

    with pytest.raises(QiyueError) as exc:
        compile_rules(RULES.replace("pay_rent.逾期履行 y", "pay_rent.late y"), "t.qy")
    (d,) = exc.value.diagnostics
    assert d.code == "unknown_event" and any("performed_late" in x for x in d.expected)  # (both words: 逾期履行 / …)
