"""A newcomer's round (user21): the README's commands, a hand-written stream for the seed contract
(a late payment, a notice by express outside the city, force majeure), typos in a rule file, the CLI's
formats, several --as-of instants, watch and verify.  Guards for what is right; strict xfails for what is not."""

import json
from pathlib import Path

import pytest

from engine.cli import main

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "rules" / "gzmz-2025-it-ops.qy"
LATE = ROOT / "facts" / "late-payment.jsonl"

STREAM = [
    {"id": "u-01", "type": "contract_signed", "at": "2025-06-27T10:00:00+08:00"},
    {"id": "u-02", "type": "staff_onsite", "at": "2025-07-01T09:00:00+08:00", "count": 2},
    {"id": "u-03", "type": "service_plan_submitted", "at": "2025-07-02T10:00:00+08:00"},
    {"id": "u-04", "type": "payment_application_received", "at": "2025-07-03T10:00:00+08:00",
     "installment": 1, "amount": "3490000.00"},
    {"id": "u-05", "type": "invoice_received", "at": "2025-07-04T10:00:00+08:00", "installment": 1,
     "amount": "3490000.00", "kind": "vat_ordinary"},
    {"id": "u-06", "type": "payment_made", "at": "2025-08-22T10:00:00+08:00", "installment": 1, "amount": "3490000.00"},
    {"id": "u-07", "type": "force_majeure_occurred", "at": "2025-09-30T20:00:00+08:00", "party": "乙方"},
    {"id": "u-08", "type": "notice_sent", "at": "2025-10-01T10:00:00+08:00", "from": "乙方", "to": "甲方",
     "subject": "force_majeure", "method": "express", "local": False, "ref": "u-07"},
    {"id": "u-09", "type": "force_majeure_occurred", "at": "2026-03-03T14:00:00+08:00", "party": "乙方"},
    {"id": "u-10", "type": "notice_sent", "at": "2026-03-04T09:00:00+08:00", "from": "乙方", "to": "甲方",
     "subject": "force_majeure", "method": "express", "local": False, "ref": "u-09",
     "signed_at": "2026-03-06T10:00:00+08:00"},
]


def cli(capsys, *args):
    rc = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return rc, out, err


@pytest.fixture
def stream(tmp_path):
    p = tmp_path / "mine.jsonl"
    p.write_text("".join(json.dumps(f, ensure_ascii=False) + "\n" for f in STREAM), encoding="utf-8")
    return p


def _report(capsys, facts, as_of):
    rc, out, _ = cli(capsys, "eval", SEED, "--facts", facts, "--as-of", as_of, "--format", "json")
    assert rc == 0
    return json.loads(out)


def _remedy(report, name):
    return [r for r in report["remedies"] if r["name"] == name]


def test_late_payment_counted_by_hand(stream, capsys):
    # 2.2(1): conditions met 2025-07-04 10:00 (Fri); payment_term 30 days: 201 -> from 07-05, day 30 = 08-03 (Sun),
    # 203 -> Mon 08-04, due 08-05T00:00.  Paid 08-22 10:00: days 08-05 … 08-22 begun = 18 × ¥6,980.00 = ¥125,640.00.
    r = _report(capsys, stream, "2025-10-20")
    ob = [o for o in r["obligations"] if o["name"] == "pay_installment_1"][0]
    assert ob["due"] == "2025-08-05T00:00:00+08:00" and ob["status"] == "violated"
    assert _remedy(r, "late_payment_damages")[0]["amount"] == "125640.00"
    # 8.3 "逾期超出15天": 15 days 08-05 … 08-19 (not moved: a period of waiting), right from 08-20T00:00.
    st = _remedy(r, "supplier_termination")[0]
    assert st["since"] == "2025-08-20T00:00:00+08:00" and st["amount"] == "349000.00"


def test_several_instants_edges_of_the_fifteen_days(stream, capsys):
    rc, out, _ = cli(capsys, "eval", SEED, "--facts", stream, "--format", "json",
                     "--as-of", "2025-08-19T23:59:59,2025-08-20")
    assert rc == 0
    many = json.loads(out)
    before, at = many["2025-08-19T23:59:59+08:00"], many["2025-08-20T00:00:00+08:00"]
    assert _remedy(before, "late_payment_damages")[0]["amount"] == "104700.00"  # 15 × 6,980
    assert _remedy(before, "supplier_termination") == []
    assert _remedy(at, "late_payment_damages")[0]["amount"] == "111680.00"      # 16 × 6,980
    assert _remedy(at, "supplier_termination")[0]["amount"] == "349000.00"


def test_express_outside_city_without_receipt_is_undetermined_and_over_national_day(stream, capsys):
    # FM 2025-09-30 20:00; 2 days: 10-01, 10-02 -> last day 10-02 a holiday; 203: holidays to 10-08, first working
    # day 10-09 -> due 10-10T00:00.  Express outside the city, no signed_at: 10.3 silent -> undetermined + finding.
    r = _report(capsys, stream, "2025-10-20")
    ob = [o for o in r["obligations"] if o["name"] == "force_majeure_notice" and o["trigger"] == "u-07"][0]
    assert ob["status"] == "undetermined" and ob["due"] == "2025-10-10T00:00:00+08:00"
    assert any(f["code"] == "notice_delivery_undetermined" for f in r["findings"])


def test_express_outside_city_signed_after_two_days_is_late(stream, capsys):
    # FM 2026-03-03 14:00 (Tue): 2 days 03-04, 03-05 (Thu, working) -> due 03-06T00:00; signed 03-06 10:00: late.
    r = _report(capsys, stream, "2026-03-10")
    ob = [o for o in r["obligations"] if o["name"] == "force_majeure_notice" and o["trigger"] == "u-09"][0]
    assert ob["status"] == "violated" and ob["due"] == "2026-03-06T00:00:00+08:00"
    assert ob["fulfilled_at"] == "2026-03-06T10:00:00+08:00"


def test_no_raw_time_id_in_chinese_text(capsys):
    rc, out, _ = cli(capsys, "eval", SEED, "--facts", LATE, "--as-of", "2026-12-31")
    assert rc == 0
    assert "time:20" not in out


def test_no_raw_time_id_in_watch(capsys):
    rc, out, _ = cli(capsys, "watch", SEED, "--facts", LATE, "--until", "2025-11-01")
    assert rc == 0
    assert "time:20" not in out


def test_trailing_comma_in_a_fact_line(tmp_path, capsys):
    p = tmp_path / "f.jsonl"
    p.write_text('{"id": "u-01", "type": "contract_signed", "at": "2025-06-27T10:00:00+08:00",}\n', encoding="utf-8")
    rc, _, err = cli(capsys, "eval", SEED, "--facts", p, "--as-of", "2025-08-01")
    assert rc == 1
    assert ":1:1:" not in err and "逗号" in err


def test_misspelt_keyword_hint_names_the_keyword(tmp_path, capsys):
    text = (ROOT / "docs" / "language.md").read_text(encoding="utf-8").split("```qy file\n")[1].split("```")[0]
    assert "    within 4 hours" in text
    p = tmp_path / "r.qy"
    p.write_text(text.replace("    within 4 hours", "    withn 4 hours"), encoding="utf-8")
    rc, _, err = cli(capsys, "check", p)
    assert rc == 1 and "是否想写：within" in err
    hint = [line for line in err.splitlines() if "修改方法" in line][0]
    assert "within" in hint and "+ 或 -" not in hint
