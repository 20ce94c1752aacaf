"""Round 20, a newcomer (legal-operations engineer) following README.md.

A hand-written stream for the seed contract from shared/spec/seed-contract-interface.md:
installment 1 paid late, a force majeure notified by express outside the city (no receipt).
Hand counts (民法典第201–203条, 2025/2026 official calendar):

- 2.2(1): conditions complete at the invoice, Fri 2025-07-04 10:00; payment_term 30 days → last
  day Sun 08-03 (rest day) → Mon 08-04; due 2025-08-05T00:00.  Paid Fri 08-22 10:00.
- 8.3 late_payment_damages: ¥6,980,000.00 × 0.1% = ¥6,980.00 a begun day, 08-05 … 08-22 = 18 days
  = ¥125,640.00; at 08-05T00:00 one day begun (¥6,980.00); at 08-20T00:00 sixteen (¥111,680.00).
- 8.3 supplier_termination: "逾期超出15天": 15 days from the end of 08-04 end at 24:00 of 08-19;
  the right is held from 2025-08-20T00:00, with 5% = ¥349,000.00.
- 8.4 force_majeure_notice: event Tue 2026-03-03 14:00, 2 days → Thu 03-05, due 03-06T00:00; the notice
  went by express outside the city (10.3 silent, no signed_at): undetermined, finding
  notice_delivery_undetermined.
- --assume payment_term="45 days": due 08-19T00:00 (Mon 08-18), 4 begun days to 08-22 = ¥27,920.00,
  no right to terminate (not more than 15 days late).

Plain tests are guards (already right); strict xfails are defects found and not fixed here.
"""
import html as htmllib
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
RULES = "rules/gzmz-2025-it-ops.qy"

STREAM = """\
{"id": "u-01", "type": "contract_signed", "at": "2025-06-27T10:00:00+08:00"}
{"id": "u-02", "type": "staff_onsite", "at": "2025-07-01T09:00:00+08:00", "count": 2}
{"id": "u-03", "type": "service_plan_submitted", "at": "2025-07-02T10:00:00+08:00"}
{"id": "u-04", "type": "payment_application_received", "at": "2025-07-03T10:00:00+08:00", "installment": 1, "amount": "3,490,000.00"}
{"id": "u-05", "type": "invoice_received", "at": "2025-07-04T10:00:00+08:00", "installment": 1, "amount": "3490000.00", "kind": "vat_ordinary"}
{"id": "u-06", "type": "guarantee_submitted", "at": "2025-07-15T10:00:00+08:00", "purpose": "performance", "amount": "349000.00", "valid_until": "2026-12-31"}
{"id": "u-07", "type": "payment_made", "at": "2025-08-22T10:00:00+08:00", "installment": 1, "amount": "3490000.00"}
{"id": "u-08", "type": "force_majeure_occurred", "at": "2026-03-03T14:00:00+08:00", "party": "乙方"}
{"id": "u-09", "type": "notice_sent", "at": "2026-03-04T09:00:00+08:00", "from": "乙方", "to": "甲方", "subject": "force_majeure", "method": "express", "local": false, "ref": "u-08"}
"""


def cli(*args, stdin=None):
    return subprocess.run([sys.executable, "-m", "engine.cli", *args], capture_output=True, text=True,
                          input=stdin, cwd=ROOT)


@pytest.fixture
def facts(tmp_path):
    p = tmp_path / "user20.jsonl"
    p.write_text(STREAM, encoding="utf-8")
    return str(p)


def _remedies(report, name):
    return [r for r in report["remedies"] if r["name"] == name]


def _obligation(report, name):
    [o] = [o for o in report["obligations"] if o["name"] == name]
    return o


# ---------------------------------------------------------------- guards: hand-counted verdicts

def test_late_payment_counted_by_hand_at_three_instants(facts):
    r = cli("eval", RULES, "--facts", facts, "--as-of", "2025-08-05,2025-08-20T00:00,2026-03-10",
            "--format", "json")
    assert r.returncode == 0, r.stderr
    reports = json.loads(r.stdout)
    assert list(reports) == ["2025-08-05T00:00:00+08:00", "2025-08-20T00:00:00+08:00",
                             "2026-03-10T00:00:00+08:00"]
    a, b, c = reports.values()
    assert _obligation(a, "pay_installment_1")["due"] == "2025-08-05T00:00:00+08:00"
    assert [x["amount"] for x in _remedies(a, "late_payment_damages")] == ["6980.00"]
    assert _remedies(a, "supplier_termination") == []
    assert [x["amount"] for x in _remedies(b, "late_payment_damages")] == ["111680.00"]
    [st] = _remedies(b, "supplier_termination")
    assert (st["since"], st["amount"]) == ("2025-08-20T00:00:00+08:00", "349000.00")
    assert [x["amount"] for x in _remedies(c, "late_payment_damages")] == ["125640.00"]
    fm = _obligation(c, "force_majeure_notice")
    assert (fm["status"], fm["due"]) == ("undetermined", "2026-03-06T00:00:00+08:00")
    assert "notice_delivery_undetermined" in [f["code"] for f in c["findings"]]


def test_assume_payment_term_45_days(facts):
    r = cli("eval", RULES, "--facts", facts, "--as-of", "2026-03-10", "--format", "json",
            "--assume", "payment_term=45 days")
    assert r.returncode == 0, r.stderr
    report = json.loads(r.stdout)
    assert _obligation(report, "pay_installment_1")["due"] == "2025-08-19T00:00:00+08:00"
    assert [x["amount"] for x in _remedies(report, "late_payment_damages")] == ["27920.00"]
    assert _remedies(report, "supplier_termination") == []


def test_chinese_text_summary(facts):
    r = cli("eval", RULES, "--facts", facts, "--as-of", "2026-03-10")
    assert r.returncode == 0, r.stderr
    assert "已违约 1 项：支付第一期款（pay_installment_1" in r.stdout
    assert "待定 1 项：不可抗力书面通报（force_majeure_notice" in r.stdout
    assert "共 18 日 × 每日 ¥6,980.00 = ¥125,640.00" in r.stdout
    assert "Traceback" not in r.stderr


def test_watch_until_prints_undetermined_at_the_due_instant(facts):
    r = cli("watch", RULES, "--facts", facts, "--until", "2026-03-07")
    assert r.returncode == 0, r.stderr
    assert "2026年3月6日0时　第8.4条 待定：不可抗力书面通报（force_majeure_notice）（u-08）" in r.stdout


def test_check_typo_in_chinese_keyword_and_event_name(tmp_path):
    p = tmp_path / "typo-zh.qy"
    p.write_text('合同 "T-2" "测试合同" {\n  日历 官方\n}\n当事人 甲方 "买方" 身份 buyer\n'
                 '当事人 乙方 "卖方" 身份 supplier\n事件 contract_signed "合同签字盖章"\n'
                 '事件 goods_delivered "交货"\n条款 "1" "交货" {\n  义务 deliver "交货" {\n'
                 '    债务人 乙方\n    债权人 甲方\n    每当 contract_signed c\n'
                 '    履行事件 goods_deliverd g\n    期限 10 工作曰\n  }\n}\n', encoding="utf-8")
    r = cli("check", str(p))
    assert r.returncode == 1
    assert f"{p}:14:11: 错误[syntax_error]" in r.stderr and "是否想写：工作日" in r.stderr
    p.write_text(p.read_text(encoding="utf-8").replace("工作曰", "工作日"), encoding="utf-8")
    r = cli("check", str(p))
    assert r.returncode == 1
    assert f"{p}:13:10: 错误[unknown_event]" in r.stderr and "是否想写：goods_delivered" in r.stderr


# ---------------------------------------------------------------- defects found, not fixed here

def test_watch_remedy_trigger_is_not_an_internal_key(facts):
    r = cli("watch", RULES, "--facts", facts, "--once")
    assert r.returncode == 0, r.stderr
    lines = [ln for ln in r.stdout.splitlines() if "late_payment_damages" in ln]
    assert lines and not any(re.search(r"#\d+\.\w+", ln) for ln in lines), lines


def test_text_finding_names_the_notice(facts):
    r = cli("eval", RULES, "--facts", facts, "--as-of", "2026-03-10")
    [line] = [ln for ln in r.stdout.splitlines() if "[notice_delivery_undetermined]" in ln]
    assert "u-09" in line
    assert line.startswith("  警告[notice_delivery_undetermined]（第10.3条） 2026年3月4日9时 发出书面通知（u-09）：合同第10.3条")
    r = cli("eval", RULES, "--facts", facts, "--as-of", "2026-03-10", "--lang", "en")
    [line] = [ln for ln in r.stdout.splitlines() if "[notice_delivery_undetermined]" in ln]
    assert line.startswith("  warning[notice_delivery_undetermined] (clause 10.3), on u-09 (notice_sent at "
                           "2026-03-04T09:00:00+08:00): "), line


def test_html_finding_line_is_the_text_reports(facts, tmp_path):
    """The page's findings list writes each finding as the text report does, the notice named."""
    text = cli("eval", RULES, "--facts", facts, "--as-of", "2026-03-10").stdout
    out = tmp_path / "r.html"
    r = cli("eval", RULES, "--facts", facts, "--as-of", "2026-03-10", "--format", "html", "-o", str(out))
    assert r.returncode == 0, r.stderr
    items = [htmllib.unescape(x) for x in re.findall(r"<li class='(?:error|warning|info)'>([^<]*)</li>",
                                                     out.read_text(encoding="utf-8"))]
    lines = [ln[2:] for ln in text.split("三、提示\n", 1)[1].split("\n\n", 1)[0].splitlines() if ln.startswith("  ")
             and not ln.startswith("   ")]
    assert items == lines
    assert any("2026年3月4日9时 发出书面通知（u-09）" in x for x in items)


def test_html_timeline_rows_carry_chinese_labels(facts, tmp_path):
    out = tmp_path / "r.html"
    r = cli("eval", RULES, "--facts", facts, "--as-of", "2026-03-10", "--format", "html", "-o", str(out))
    assert r.returncode == 0, r.stderr
    page = out.read_text(encoding="utf-8")
    labels = re.findall(r'class="row-label">([^<]*)<', page)
    row = next(x for x in labels if "performance_bond" in x)
    assert "提交履约保函" in row, row
    assert row.startswith("2.1(1) 提交履约保函（performance_bond）")  # (cut to the label column's width)
    titles = [htmllib.unescape(t) for t in re.findall(r'title="([^"]*)" class="row-label"', page)]
    assert any(t.startswith("2.1(1) 提交履约保函（performance_bond）（u-01）\n") for t in titles), titles
    tips = [htmllib.unescape(t) for t in re.findall(r"<title>([^<]*)</title>", page)]
    assert any(t.startswith("提交履约保函（performance_bond） — 已履行") for t in tips), tips
    assert any(t.startswith("逾期付款违约金（每日0.1%）（late_payment_damages）：乙方 自") for t in tips), tips
    out_en = tmp_path / "r-en.html"
    r = cli("eval", RULES, "--facts", facts, "--as-of", "2026-03-10", "--format", "html", "--lang", "en",
            "-o", str(out_en))
    assert r.returncode == 0, r.stderr
    labels = re.findall(r'class="row-label">([^<]*)<', out_en.read_text(encoding="utf-8"))
    assert any(x.startswith("2.1(1) performance_bond (提交履约保函)") for x in labels), labels  # as the English text
    # report names it


def test_bad_attribute_in_facts_has_a_hint(tmp_path):
    p = tmp_path / "bad.jsonl"
    p.write_text(STREAM.splitlines()[0] + "\n" + '{"id": "u-10", "type": "payment_made", '
                 '"at": "2025-07-05T10:00:00+08:00", "installment": 4, "amount": "3490000.00"}\n',
                 encoding="utf-8")
    r = cli("eval", RULES, "--facts", str(p), "--as-of", "2025-08-01")
    assert r.returncode == 1 and "[bad_attribute]" in r.stderr
    assert "修改方法" in r.stderr


def test_misspelt_party_suggests_declared_parties(tmp_path):
    p = tmp_path / "party.qy"
    p.write_text('contract "T-1" "测试合同" {\n  calendar official\n}\nparty 甲方 "买方" as buyer\n'
                 'party 乙方 "卖方" as supplier\nevent contract_signed "签字"\nevent goods_delivered "交货"\n'
                 'clause "1" "交货" {\n  obligation deliver "交货" {\n    debtor 丙方\n    creditor 甲方\n'
                 '    for each contract_signed c\n    fulfilled by goods_delivered g\n    within 10 days\n'
                 '  }\n}\n', encoding="utf-8")
    r = cli("check", str(p))
    assert r.returncode == 1 and "[unknown_name]" in r.stderr
    assert "是否想写：乙方" in r.stderr or "应为：" in r.stderr


# ---------------------------------------------------------------- session of 12-05: a derived trigger in English and
# in the HTML table cited by the fact it comes from, never by the engine's key (`pay_installment_1#1.violated`)

_KEY = re.compile(r"\w#\d+\.\w+")


def test_english_text_cites_a_derived_trigger_by_its_fact(facts):
    r = cli("eval", RULES, "--facts", facts, "--as-of", "2025-09-30", "--lang", "en")
    assert r.returncode == 0, r.stderr
    assert "8.3: triggered by pay_installment_1.violated at 2025-08-05T00:00:00+08:00 (from u-05)" in r.stdout
    assert not _KEY.search(r.stdout), _KEY.findall(r.stdout)


@pytest.mark.parametrize("lang, cell", [("zh", "支付第一期款已违约（源自 u-05）"),
                                        ("en", "pay_installment_1 violated (from u-05)")])
def test_html_remedy_trigger_cell_names_the_fact(facts, tmp_path, lang, cell):
    out = tmp_path / f"r-{lang}.html"
    r = cli("eval", RULES, "--facts", facts, "--as-of", "2025-09-30", "--format", "html", "--lang", lang,
            "-o", str(out))
    assert r.returncode == 0, r.stderr
    page = out.read_text(encoding="utf-8")
    row = re.search(r"<tr class='remedy'><td>(?:late_payment_damages<br>|[^<]*<br><small>late_payment_damages</small>)"
                    r".*?</tr>", page).group(0)  # (in Chinese the label first, the name beneath: user round 22)
    cells = [htmllib.unescape(re.sub(r"<[^>]+>|<wbr>", "", c)) for c in re.findall(r"<td>(.*?)</td>", row)]
    assert cells[3] == cell, cells[:5]
    assert not _KEY.search(re.sub(r"<[^>]+>", "", page)), _KEY.findall(page)[:3]


def test_json_keeps_the_engines_key_as_the_id(facts):
    r = cli("eval", RULES, "--facts", facts, "--as-of", "2025-09-30", "--format", "json")
    report = json.loads(r.stdout)
    [rem] = _remedies(report, "late_payment_damages")
    assert rem["trigger"] == "pay_installment_1#1.violated"
    step = next(s for s in rem["steps"] if s["code"] == "triggered_by")
    [fact] = step["args"]["facts"]
    assert fact["id"] == "pay_installment_1#1.violated" and fact["derived"]["from"] == "u-05"
    assert fact["text"]["en"] == "pay_installment_1.violated at 2025-08-05T00:00:00+08:00 (from u-05)"
