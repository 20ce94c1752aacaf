"""Cases a reviewer found, each counted by hand; they must stay right."""
import subprocess
import textwrap
import sys
from pathlib import Path

import pytest

from engine.report.explain import render_lines
from engine.api import compile_rules
from engine.diagnostics import QiyueError
from seedfacts import PAY_1, lines, rows

ROOT = Path(__file__).resolve().parent.parent
SEED_TEXT = (ROOT / "rules" / "gzmz-2025-it-ops.qy").read_text(encoding="utf-8")


def test_a_term_ending_at_24_00_starts_the_next_period_from_that_day(seed):
    facts = [
        {"id": "sign", "type": "contract_signed", "at": "2025-06-27T10:00:00+08:00"},  # 11.1: in force from here
        {"id": "s", "type": "staff_onsite", "at": "2025-07-15T09:00:00+08:00", "count": 2},
        {"id": "m", "type": "midterm_report_approved", "at": "2025-09-01T10:00:00+08:00"},
        {"id": "a", "type": "payment_application_received", "at": "2025-09-02T10:00:00+08:00", "installment": 2,
         "amount": "1396000.00"},
        {"id": "i", "type": "invoice_received", "at": "2025-09-02T11:00:00+08:00", "installment": 2,
         "amount": "1396000.00", "kind": "vat_ordinary"},
    ]
    (o,) = rows(seed.evaluate(lines(facts), "2025-11-01"), "obligations", "pay_installment_2")
    # two months of service from Tue 07-15 end at 24:00 Mon 09-15, which counts as 09-15;
    # 30 days from 09-15: last day Wed 10-15 (a working day) → due 10-16T00:00
    assert (o["triggered_cn"], o["due"]) == ("2025年9月15日24时", "2025-10-16T00:00:00+08:00")


def test_acceptance_is_deemed_once_and_the_duties_after_it_arise_once(seed):
    facts = [
        {"id": "sign", "type": "contract_signed", "at": "2025-06-27T10:00:00+08:00"},  # 11.1: in force from here
        {"id": "app", "type": "acceptance_applied", "at": "2026-06-29T10:00:00+08:00"},
        {"id": "rev", "type": "acceptance_review_completed", "at": "2026-07-15T10:00:00+08:00", "passed": True},
        {"id": "h", "type": "acceptance_held", "at": "2026-07-20T10:00:00+08:00", "passed": True},
        {"id": "hand", "type": "handover_delivered", "at": "2026-07-25T10:00:00+08:00"},
        {"id": "rel", "type": "bond_release_assisted", "at": "2026-07-25T11:00:00+08:00"},
    ]
    report = seed.evaluate(lines(facts), "2026-09-30")
    # review due by 24:00 Mon 07-13 (10 working days from Mon 06-29) → deemed accepted then, once
    assert [e["at"] for e in rows(report, "events", "deemed_acceptance")] == ["2026-07-14T00:00:00+08:00"]
    (meeting,) = rows(report, "obligations", "acceptance_meeting")
    # the review came after the deemed acceptance: it answers nothing, so no meeting duty arises
    assert meeting["status"] == "inactive"
    (handover,) = rows(report, "obligations", "handover")
    # one month from 07-13: Thu 08-13 → due 08-14T00:00; handed over 07-25
    assert (handover["status"], handover["due"]) == ("fulfilled", "2026-08-14T00:00:00+08:00")
    (release,) = rows(report, "obligations", "release_bond")
    # 30 days from 07-13: Wed 08-12 → due 08-13T00:00
    assert (release["status"], release["due"]) == ("fulfilled", "2026-08-13T00:00:00+08:00")


def test_organize_acceptance_is_moot_once_acceptance_is_deemed(seed):
    facts = [{"id": "sign", "type": "contract_signed", "at": "2025-06-27T10:00:00+08:00"},
             {"id": "app", "type": "acceptance_applied", "at": "2026-06-29T10:00:00+08:00"}]
    (o,) = rows(seed.evaluate(lines(facts), "2026-09-30"), "obligations", "organize_acceptance")
    assert o["status"] == "excused"


def test_a_token_payment_does_not_cancel_the_right_to_terminate(seed):
    facts = PAY_1 + [{"id": "p", "type": "payment_made", "at": "2025-08-06T10:00:00+08:00", "installment": 1,
                      "amount": "1.00"}]
    (r,) = rows(seed.evaluate(lines(facts), "2025-10-01"), "remedies", "supplier_termination")
    assert (r["since"], r["amount"]) == ("2025-08-20T00:00:00+08:00", "349000.00")


def test_a_payment_on_a_bare_date_counts_that_whole_day(seed):
    facts = PAY_1 + [{"id": "p", "type": "payment_made", "at": "2025-08-07", "installment": 1,
                      "amount": "3490000.00"}]
    (r,) = rows(seed.evaluate(lines(facts), "2025-10-01"), "remedies", "late_payment_damages")
    assert r["amount"] == "20940.00"  # late on 5, 6 and 7 August: 3 × ¥6,980.00


def test_a_reminder_notice_does_not_double_the_interruption_damages(seed):
    facts = [
        {"id": "sign", "type": "contract_signed", "at": "2025-06-27T10:00:00+08:00"},  # 11.1: in force from here
        {"id": "i", "type": "service_interruption_started", "at": "2026-05-06T08:00:00+08:00", "subproject": 3,
         "cause": "supplier"},
        {"id": "n1", "type": "notice_sent", "at": "2026-05-06T09:00:00+08:00", "from": "甲方", "to": "乙方",
         "subject": "service_interruption", "method": "fax", "ref": "i"},
        {"id": "n2", "type": "notice_sent", "at": "2026-05-08T09:00:00+08:00", "from": "甲方", "to": "乙方",
         "subject": "service_interruption", "method": "fax", "ref": "i"},
    ]
    report = seed.evaluate(lines(facts), "2026-06-01")
    (o,) = rows(report, "obligations", "resolve_interruption")
    # one obligation per interruption, named by it; due 5 days from the first notice (Wed 05-06)
    assert (o["trigger"], o["due"]) == ("i", "2026-05-12T00:00:00+08:00")
    assert [r["amount"] for r in rows(report, "remedies", "interruption_damages")] == ["1757.00"]


def test_an_actual_receipt_before_the_deemed_day_counts(seed):
    facts = [
        {"id": "sign", "type": "contract_signed", "at": "2025-06-27T10:00:00+08:00"},  # 11.1: in force from here
        {"id": "fm", "type": "force_majeure_occurred", "at": "2026-03-03T14:00:00+08:00", "party": "乙方"},
        {"id": "n", "type": "notice_sent", "at": "2026-03-03T15:00:00+08:00", "from": "乙方", "to": "甲方",
         "subject": "force_majeure", "method": "registered_mail", "local": True, "ref": "fm",
         "signed_at": "2026-03-04T10:00:00+08:00"},
    ]
    report = seed.evaluate(lines(facts), "2026-03-20")
    (o,) = rows(report, "obligations", "force_majeure_notice")
    # due 03-06T00:00 (2 days from Tue 03-03); received 03-04 10:00, before the deemed 3rd day
    assert (o["status"], o["fulfilled_at"]) == ("fulfilled", "2026-03-04T10:00:00+08:00")


# ---------------------------------------------------------------- bad input: an error, never a traceback

def errors(text):
    with pytest.raises(QiyueError) as exc:
        compile_rules(text, "t.qy")
    return {d.code for d in exc.value.diagnostics}


@pytest.mark.parametrize("old,new,code", [
    ("    within 2 hours\n", "    within 1.5 days\n", "not_whole_number"),  # (1.5 hours is 90 minutes: issue 11)
    ("event staff_onsite \"驻场人员入场\" { count: int 1..", "event staff_onsite \"驻场人员入场\" { count: int 1.5..",
     "not_whole_number"),
    ("  1: \"民政厅信息系统短信服务运维项目\"", "  1.5: \"民政厅信息系统短信服务运维项目\"", "not_whole_number"),
    ("at day 3 after n \"10.3.3", "at day 2.5 after n \"10.3.3", "not_whole_number"),
    ("    within 2 hours\n", "    within 99999999999999999999 days\n", "number_too_large"),
    ("param total \"合同金额（含税）\" = ¥6,980,000.00", "param total \"合同金额（含税）\" = bond_amount", "param_cycle"),
    ("param total \"合同金额（含税）\" = ¥6,980,000.00", "param total \"合同金额（含税）\" = ¥99999999999999999999999999999.00",
     "amount_out_of_range"),
    ("g.valid_until > service_period.last_day + 3 months", "g.valid_until > service_period.end - 3 months",
     "type_mismatch"),
    ("int 1..3 \"期次\"\n  amount: money \"申请金额\"", "int 3..1 \"期次\"\n  amount: money \"申请金额\"", "empty_range"),
])
def test_bad_rule_text_is_a_clear_error(old, new, code):
    assert SEED_TEXT.count(old) >= 1, old
    assert code in errors(SEED_TEXT.replace(old, new, 1))


def test_date_minus_working_days_is_counted_back():
    text = SEED_TEXT.replace("g.valid_until > service_period.last_day + 3 months",
                             "g.valid_until > service_period.last_day - 1 working day")
    facts = (ROOT / "facts" / "clean-year.jsonl").read_text(encoding="utf-8").splitlines()
    (o,) = rows(compile_rules(text, "t.qy").evaluate(facts, "2026-07-20"), "obligations", "performance_bond")
    assert o["status"] == "fulfilled"  # valid to 2026-12-31 > Fri 2026-06-26


@pytest.mark.parametrize("line", [
    '{"id": "a", "type": ["x"], "at": "2026-07-13"}',
    '{"id": "a", "type": "contract_signed", "at": "9999-12-31T23:00:00-05:00"}',
    '{"id": "a", "type": "contract_signed", "at": "0001-01-01T01:00:00+09:00"}',
    '{"id": 7, "type": "contract_signed", "at": "2026-07-13"}',
    '{"id": "a", "type": "payment_made", "at": "2026-07-13", "installment": 1, "amount": "NaN"}',
])
def test_bad_facts_exit_1_without_a_traceback(tmp_path, line):
    (tmp_path / "f.jsonl").write_text(line + "\n", encoding="utf-8")
    r = subprocess.run([sys.executable, "-m", "engine.cli", "eval", str(ROOT / "rules" / "gzmz-2025-it-ops.qy"),
                        "--facts", str(tmp_path / "f.jsonl"), "--as-of", "2026-08-01"],
                       capture_output=True, text=True)
    assert r.returncode == 1 and "Traceback" not in r.stderr and "f.jsonl:1:" in r.stderr, r.stderr


def test_an_as_of_out_of_range_is_an_error_not_a_traceback():
    r = subprocess.run([sys.executable, "-m", "engine.cli", "eval", str(ROOT / "rules" / "gzmz-2025-it-ops.qy"),
                        "--facts", str(ROOT / "facts" / "clean-year.jsonl"), "--as-of", "9999-12-31T23:00:00-05:00"],
                       capture_output=True, text=True)
    assert r.returncode == 1 and "Traceback" not in r.stderr


def test_capitals_ending_in_zheng_and_with_ling_read_right():
    from engine.lang.amounts import words_to_amount
    from decimal import Decimal
    assert words_to_amount("陆佰玖拾捌万元正") == Decimal("6980000.00")
    assert words_to_amount("壹元零伍分") == Decimal("1.05")
    assert words_to_amount("叁拾肆万玖仟元整") == Decimal("349000.00")


def test_a_byte_order_mark_is_not_a_syntax_error(seed):
    compiled = compile_rules("\ufeff" + SEED_TEXT, "bom.qy")
    assert compiled.findings
    line = '\ufeff{"id": "s", "type": "contract_signed", "at": "2025-06-27T10:00:00+08:00"}'
    assert len(seed.load_facts([line])) == 1


def test_a_stage_read_only_inside_an_aggregate_is_still_seen():
    # `exists(pay.violated v)` in a where-clause is the only reader of that stage; it must
    # still be announced, or the remedy never arises
    text = textwrap.dedent('''\
        contract "T-2" "测试合同" { calendar official }
        party 甲方 "买方" as buyer
        party 乙方 "卖方" as supplier
        event delivered "交付"
        event paid "付款"
        event complaint "投诉"
        clause "1" "付款" {
          obligation pay "付款义务" {
            debtor 甲方
            creditor 乙方
            for each delivered d
            fulfilled by paid p
            within 5 days
          }
          remedy escalate "升级" {
            holder 乙方
            for each complaint c where exists(pay.violated v)
          }
        }
        ''')
    facts = [{"id": "d", "type": "delivered", "at": "2025-07-01T10:00:00+08:00"},
             {"id": "early", "type": "complaint", "at": "2025-07-05T10:00:00+08:00"},
             {"id": "late", "type": "complaint", "at": "2025-07-20T10:00:00+08:00"}]
    report = compile_rules(text, "t.qy").evaluate(lines(facts), "2025-08-01")
    # 5 days from Tue 07-01: last day Sun 07-06, a rest day → extended to Mon 07-07 → due 07-08T00:00
    assert [o["due"] for o in rows(report, "obligations", "pay")] == ["2025-07-08T00:00:00+08:00"]
    assert [r["trigger"] for r in rows(report, "remedies", "escalate")] == ["late"]


@pytest.mark.parametrize("given, quoted", [
    ("2025-07-04T10:00:00+08:00", "2025-07-04T10:00:00+08:00"),
    ("2025-07-04T10:00+08:00", "2025-07-04T10:00:00+08:00"),
    ("2025-07-04T02:00:00Z", "2025-07-04T10:00:00+08:00"),
    ("2025-07-04T02:00:00+00:00", "2025-07-04T10:00:00+08:00"),
    ("2025-07-04 10:00:00+08:00", "2025-07-04T10:00:00+08:00"),
    ("2025-07-04T10:00:00.250000+08:00", "2025-07-04T10:00:00.250000+08:00"),
    ("2025-07-04T10:00:00", "2025-07-04T10:00:00+08:00"),
])
def test_a_fact_time_is_quoted_in_contract_time_however_it_was_written(seed, given, quoted):
    facts = [{"id": "sign", "type": "contract_signed", "at": "2025-06-27T10:00:00+08:00"},
             {"id": "fm", "type": "force_majeure_occurred", "at": given, "party": "乙方"}]
    report = seed.evaluate(lines(facts), "2025-08-01")
    (o,) = rows(report, "obligations", "force_majeure_notice")
    assert o["triggered_at"] == quoted
    assert o["steps"][0]["args"]["facts"][0]["at"] == quoted
    assert render_lines(o["steps"], "en")[0].endswith(f"(force_majeure_occurred at {quoted})")


def test_an_instant_in_a_where_clause_is_compared_not_looked_up():
    # `c.order_time == o.at` compares instants; an index would look a datetime up under a
    # moment and never find it.  Only plain values (text, numbers, parties, ids) are index keys.
    text = textwrap.dedent('''\
        contract "T-3" "测试合同" { calendar official }
        party 甲方 "买方" as buyer
        party 乙方 "卖方" as supplier
        event ordered "下单"
        event confirmed "确认" { order_time: datetime "所确认订单的下单时间" }
        clause "1" "确认" {
          obligation confirm "确认订单" {
            debtor 乙方
            creditor 甲方
            for each ordered o
            fulfilled by confirmed c where c.order_time == o.at
            within 2 days
          }
        }
        ''')
    facts = [{"id": "o", "type": "ordered", "at": "2025-07-01T10:00:00+08:00"},
             {"id": "other", "type": "confirmed", "at": "2025-07-02T09:00:00+08:00",
              "order_time": "2025-06-30T10:00:00+08:00"},
             {"id": "c", "type": "confirmed", "at": "2025-07-02T10:00:00+08:00",
              "order_time": "2025-07-01T10:00:00+08:00"}]
    (o,) = compile_rules(text, "t.qy").evaluate(lines(facts), "2025-08-01")["obligations"]
    assert (o["status"], o["fulfilled_at"]) == ("fulfilled", "2025-07-02T10:00:00+08:00")
