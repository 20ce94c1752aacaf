"""`each at most EXPR` (`每笔不超过 EXPR`): a cap on each row of a remedy, which may read the trigger — "违约金以当月
租金的20%为限", "每笔逾期付款违约金不超过该笔款项的20%".  (`total at most` caps all the rows together and reads no alias:
a lease's author split the damages into one remedy per lease year to approximate it, and rows of two months that fell
in one month then shared one cap.)"""
import json
import textwrap

import pytest

from engine.api import compile_rules
from engine.diagnostics import QiyueError
from engine.live import available

RULES = textwrap.dedent('''\
    contract "RC-1" "租赁（测试）" { calendar official }
    party 甲方 "出租人" as buyer
    party 乙方 "承租人" as supplier
    event billed "账单" { month: text rent: money }
    event paid "付款" { month: text amount: money }
    clause "3" "租金" {
      obligation pay_rent "支付租金" {
        debtor 乙方
        creditor 甲方
        for each billed b
        fulfilled by paid p where p.month == b.month
        within 5 days
      }
      remedy late_rent "逾期违约金（每日万分之五，以当月租金的20%为限）" {
        holder 甲方
        for each pay_rent.violated o
        amount 0.05% of o.b.rent per day
        each at most 20% of o.b.rent
      }
    }
    ''')

# b1 Mon 03-02 10:00, rent ¥30,000.00: 5 days → Sat 03-07 → Mon 03-09, violated at 03-10T00:00: ¥15.00 a day begun,
# at most ¥6,000.00 (400 days).  b2 Wed 04-01 10:00, rent ¥10,000.00: → 04-06 (清明) → Tue 04-07, violated at
# 04-08T00:00: ¥5.00 a day, at most ¥2,000.00.  Each row its own cap: June's row and July's never share one.
FACTS = [{"id": "b1", "type": "billed", "at": "2026-03-02T10:00:00+08:00", "month": "2026-03", "rent": "30000.00"},
         {"id": "b2", "type": "billed", "at": "2026-04-01T10:00:00+08:00", "month": "2026-04", "rent": "10000.00"}]


@pytest.mark.parametrize("backend", ["reference", "durable"])
@pytest.mark.parametrize("as_of,amounts", [
    # 04-10: b1 03-10 … 04-10, 32 days begun → ¥480.00; b2 04-08 … 04-10, 3 → ¥15.00
    ("2026-04-10T12:00:00+08:00", ["480.00", "15.00"]),
    # 2026-10-15 12:00: b1 220 days → ¥3,300.00; b2 191 days → ¥955.00
    ("2026-10-15T12:00:00+08:00", ["3300.00", "955.00"]),
    # 2027-06-01: b1 449 days → ¥6,735.00, at most ¥6,000.00; b2 420 → ¥2,100.00, at most ¥2,000.00
    ("2027-06-01", ["6000.00", "2000.00"]),
])
def test_each_row_is_capped_by_its_own_trigger(backend, as_of, amounts):
    if backend == "durable" and not available():
        pytest.skip("durable_rules not installed (the [live] extra)")
    report = compile_rules(RULES, "t.qy").evaluate([json.dumps(f, ensure_ascii=False) for f in FACTS], as_of,
                                                   backend=backend)
    rows = [r for r in report["remedies"] if r["name"] == "late_rent"]
    assert [r["amount"] for r in rows] == amounts
    capped = [r for r in rows if any(line.startswith("每笔不超过") for line in r["because"])]
    assert len(capped) == (2 if as_of == "2027-06-01" else 0)
    # accrued( ) reads the rows as capped (a deposit's balance is the deposit less it)
    compiled = compile_rules(RULES, "t.qy")
    ev = compiled.run(compiled.load_facts([json.dumps(f, ensure_ascii=False) for f in FACTS]), as_of, backend=backend)
    assert f"{ev.accrued_total('late_rent', ev.as_of):.2f}" == f"{sum(float(a) for a in amounts):.2f}"


def test_in_chinese_and_refused_where_no_amount_is_capped():
    zh = compile_rules(RULES.replace("each at most 20%", "每笔不超过 20%"), "t.qy")
    report = zh.evaluate([json.dumps(f, ensure_ascii=False) for f in FACTS], "2027-06-01", lang="en")
    assert [r["amount"] for r in report["remedies"] if r["name"] == "late_rent"] == ["6000.00", "2000.00"]
    assert any(line.startswith("each at most ¥6,000.00") for line in report["remedies"][0]["because"])
    with pytest.raises(QiyueError) as exc:
        compile_rules(RULES.replace("    amount 0.05% of o.b.rent per day\n", ""), "t.qy")
    assert "cap_without_amount" in [d.code for d in exc.value.diagnostics]
    with pytest.raises(QiyueError) as exc:
        compile_rules(RULES.replace("each at most 20% of o.b.rent", "each at most o.b.month"), "t.qy")
    assert "type_mismatch" in [d.code for d in exc.value.diagnostics]
