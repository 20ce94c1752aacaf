"""An amount that may be negative (a quarter's net sales after returns, an adjustment): `money LOW..HIGH` with a
negative lower bound.  `money` alone stays never negative — the seed's payments, invoices and guarantees refuse
"-1.00" as before — and the bounds are kept, read exactly, in both backends and in `verify`'s generated facts."""
import json
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from engine.api import compile_rules
from engine.diagnostics import QiyueError, render_text
from engine.lang import model as m
from engine.verify.strategies import _in_range

ROOT = Path(__file__).resolve().parent.parent

RULES = '''contract "X" { calendar official }
party 甲方 "许可方" as buyer
party 乙方 "被许可方" as supplier
event signed "签订"
event paid "付款" {
  quarter: int 1..4 "季度"
  amount: money "金额"
}
event quarter_report "季度报告" {
  quarter: int 1..4 "季度"
  net_sales: money -100000000..100000000 "净销售额"
}
clause "4.3" "提成费" {
  obligation pay_royalty "支付提成费" {
    debtor 乙方
    creditor 甲方
    for each quarter_report q where q.net_sales > ¥0.00
    fulfilled by paid x where x.quarter == q.quarter and x.amount >= q.net_sales × 5%
    within 10 days after q
  }
}
'''
COMPILED = compile_rules(RULES, "royalty.qy")


def fact(fid, at, net, quarter=1):
    return {"id": fid, "type": "quarter_report", "at": at, "quarter": quarter, "net_sales": net}


def lines(*facts):
    return [json.dumps(x, ensure_ascii=False) for x in facts]


def errors(*facts):
    with pytest.raises(QiyueError) as e:
        COMPILED.evaluate(lines(*facts), "2026-01-01")
    return e.value.diagnostics


@pytest.mark.parametrize("written, value", [
    ("-200,000.00", "-200000.00"), ("-200000.00", "-200000.00"), ("-¥200,000.00", "-200000.00"),
    ("¥-5.50", "-5.50"), ("\u22125.50", "-5.50"), (-5000, "-5000.00"), ("300000.00", "300000.00"),
    ("-100000000", "-100000000.00"), ("100000000.00", "100000000.00"), ("-0.00", "0.00"), (-1.5, "-1.50"), ("-", None),
])
def test_a_net_figure_may_be_negative_within_its_bounds(written, value):
    if value is None:  # (a sign alone is no amount)
        [d] = errors(fact("q1", "2025-04-10T10:00:00+08:00", written))
        assert "规范写法" in render_text([d], lang="zh")
        return
    report = COMPILED.evaluate(lines(fact("q1", "2025-04-10T10:00:00+08:00", written)), "2026-01-01")
    got = [a["value"] for o in report["obligations"] for s in o.get("steps", ())[:1]
           for f in s["args"].get("facts", ()) for a in f["attrs"] if a["name"] == "net_sales"]
    # (a positive figure sets the duty off; a negative one does not, and is read all the same)
    assert got == ([value] if Decimal(value) > 0 else [])


@pytest.mark.parametrize("written, words", [
    ("-100000000.01", "不在声明的范围 -100000000..100000000 之内"),
    ("100000000.01", "不在声明的范围 -100000000..100000000 之内"),
    ("-1.005", "“-1.005” 超过两位小数"),
    ("-1,00.00", "规范写法"),
])
def test_outside_its_bounds_or_written_ambiguously_it_is_refused_naming_the_line(written, words):
    [d] = errors(fact("q1", "2025-04-10T10:00:00+08:00", written))
    assert d.code == "bad_attribute" and d.span.line == 1
    assert words in render_text([d], lang="zh"), render_text([d], lang="zh")


def test_money_alone_is_still_never_negative_and_says_how_to_declare_one_that_may_be():
    [d] = errors({"id": "p", "type": "paid", "at": "2025-04-10T10:00:00+08:00", "quarter": 1, "amount": "-1.00"})
    text = render_text([d], lang="zh")
    assert "为负数" in text and "money -10000000..10000000" in text, text
    assert "money -10000000..10000000" in render_text([d], lang="en")


def test_the_report_words_a_negative_amount_with_its_sign_before_the_yuan():
    p = ROOT / "tests" / "_signed_money_tmp.qy"
    try:
        p.write_text(RULES.replace("q.net_sales > ¥0.00", "q.quarter >= 1"), encoding="utf-8")
        out = subprocess.run([sys.executable, "-m", "engine.cli", "eval", str(p), "--facts", "-", "--as-of",
                              "2026-01-01"], input="\n".join(lines(fact("q1", "2025-04-10T10:00:00+08:00",
                                                                        "-200,000.00"))),
                             capture_output=True, text=True, cwd=ROOT)
    finally:
        p.unlink()
    assert out.returncode == 0, out.stderr
    assert "净销售额 -¥200,000.00" in out.stdout, out.stdout
    assert "¥-" not in out.stdout


def test_a_bound_finer_than_a_fen_is_refused_at_its_place():
    with pytest.raises(QiyueError) as e:
        compile_rules(RULES.replace("money -100000000..100000000", "money -1.005..10"), "bad.qy")
    [d] = e.value.diagnostics
    assert d.code == "money_bound_fraction" and (d.span.line, d.span.column) == (11, 14), (d.span.line, d.span.column)


def test_both_backends_agree_on_negative_figures():
    stream = lines(fact("q1", "2025-04-10T10:00:00+08:00", "-200,000.00", 1),
                   fact("q2", "2025-07-10T10:00:00+08:00", "300000.00", 2),
                   {"id": "p2", "type": "paid", "at": "2025-07-15T10:00:00+08:00", "quarter": 2,
                    "amount": "15000.00"})
    ref = COMPILED.evaluate(stream, "2026-01-01")
    dur = COMPILED.evaluate(stream, "2026-01-01", backend="durable")
    assert [(o["name"], o["trigger"], o["status"]) for o in ref["obligations"] if o["status"] != "inactive"] == \
        [("pay_royalty", "q2", "fulfilled")]
    assert ref["obligations"] == dur["obligations"]


def test_verify_generates_negative_figures_only_where_declared():
    signed = m.AttrType("money", Decimal("-100"), Decimal("100"))
    plain = m.AttrType("money")
    assert _in_range(signed, Decimal("-100")) and not _in_range(signed, Decimal("-100.01"))
    assert not _in_range(plain, Decimal("-0.01")) and _in_range(plain, Decimal("0"))
    assert signed.describe() == "money -100..100" and plain.describe() == "money"
