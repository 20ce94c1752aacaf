"""The seed scenarios' text and HTML reports are for legal staff: no English word they would have to
read, identifiers of the rule file and of the facts aside (names, ids, codes, rule text quoted),
and the instants written in ISO beside the Chinese.  ``--lang en`` gives the English report, of the
same shape (summary, clause by clause, findings, footer) and with no Chinese but the contract's own
words (labels, titles, notes) and the articles and holidays its reasons cite."""
import html as html_lib
import re
import subprocess
import sys
from pathlib import Path

import pytest

from engine.report.html import render_html
from engine.report.build import render

ROOT = Path(__file__).resolve().parent.parent
RULES = (ROOT / "rules" / "gzmz-2025-it-ops.qy").read_text(encoding="utf-8")
WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_\-]*")
ISO = re.compile(r"\d{4}-\d\d-\d\d(T[\d:.]+([+-]\d\d:\d\d|Z)?)?")
HEX = re.compile(r"\b[0-9a-f]{8,}\b")
TECHNICAL = {"sha256", "chinese-calendar", "rules", "qy", "calendars", "toml", "UTF-8", "UTF-16", "GB18030"}  # cited data
STREAMS = sorted(p.stem for p in (ROOT / "facts").glob("*.jsonl"))


def stray_english(text: str, facts_text: str, report: dict) -> set[str]:
    """Latin words that are not identifiers: the rule file's and the facts' names and ids, finding
    codes, the files a report cites (a label cut with an ellipsis shows the start of an id)."""
    allowed = set(WORD.findall(RULES)) | set(WORD.findall(facts_text)) | TECHNICAL
    allowed |= {f["code"] for f in report["findings"]} | set(WORD.findall(report["rules"]["file"]))
    text = HEX.sub(" ", ISO.sub(" ", text))
    return {w for w in WORD.findall(text) if len(w) > 2 and w not in allowed
            and not any(a.startswith(w) for a in allowed)}


def visible(page: str) -> str:
    page = re.sub(r"<(style|script)\b.*?</\1>", " ", page, flags=re.S)
    page = re.sub(r"<[^>]+>", " ", page)
    return html_lib.unescape(page)


@pytest.mark.parametrize("name", STREAMS)
@pytest.mark.parametrize("as_of", ["2025-08-01", "2026-03-01", "2026-10-20"])
def test_the_chinese_reports_have_no_english_a_lawyer_must_read(seed, name, as_of):
    facts = (ROOT / "facts" / f"{name}.jsonl").read_text(encoding="utf-8")
    report = seed.evaluate(facts.splitlines(), as_of, f"facts/{name}.jsonl")
    assert not stray_english(render(report, "zh"), facts, report)
    assert not stray_english(visible(render_html(report)), facts, report)


def test_english_on_request_from_the_same_report(seed):
    facts = (ROOT / "facts" / "late-payment.jsonl").read_text(encoding="utf-8")
    zh = seed.evaluate(facts.splitlines(), "2025-12-31")
    en = seed.evaluate(facts.splitlines(), "2025-12-31", lang="en")
    assert [o["steps"] for o in zh["obligations"]] == [o["steps"] for o in en["obligations"]]
    assert render(zh, "en") == render(en, "en")  # the words come from the steps, whatever the report's language
    text = render(en, "en")
    assert "violated: " in text and "the last day" in text.lower() or "The last day" in text
    assert any(b.startswith("已违约") for o in zh["obligations"] for b in o["because"])
    assert any(b.startswith("violated") for o in en["obligations"] for b in o["because"])


def test_untriggered_obligations_fold_into_a_line_unless_asked_for(seed):
    facts = (ROOT / "facts" / "late-payment.jsonl").read_text(encoding="utf-8")
    report = seed.evaluate(facts.splitlines(), "2025-12-31")
    folded, unfolded = render(report, "zh"), render(report, "zh", inactive=True)
    assert "未触发：配合终止履约保函（release_bond）" in folded  # (in Chinese the label first, the rule's name beside it)
    assert "配合终止履约保函（release_bond） 甲方 → 乙方：未触发" in unfolded and "尚未触发" in unfolded
    assert "未触发：配合终止履约保函" not in unfolded


# ---------------------------------------------------------------- the English report
CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]+")
CHINESE_INSTANT = re.compile(r"\d+年\d+月\d+日\d+时")
# the rule file's own words: its quoted strings (labels, titles, notes, value labels), a note written
# as several strings one after the other read as one
CONTRACT_WORDS = "".join(re.findall(r'"([^"\n]*)"', RULES))
# what the English reasons cite on purpose (engine/report/explain.py): articles, holidays, 调休上班, 长期有效,
# “以内”包括本数, and the Chinese form of an instant beside its ISO text
CITED = re.compile(r"(民法典)?第[\d–]+条(第\d+款)?|[\u4e00-\u9fff]{2,3}节|调休上班|长期有效|以内|包括本数|法定节假日"
                   r"|\d+年\d+月\d+日\d+时(\d+分)?")


def stray_chinese(text: str, facts_text: str) -> set[str]:
    """Chinese of the English report that is not the contract's or the facts' own words; in the lines
    this report writes itself (not the reasons), no Chinese form of an instant either."""
    out = set()
    for line in text.splitlines():
        reason = line.startswith("      ")
        if not reason and CHINESE_INSTANT.search(line):
            out.add(line)
        for run in CJK.findall(CITED.sub(" ", line) if reason else line):
            if run not in CONTRACT_WORDS and run not in facts_text:
                out.add(run)
    return out


@pytest.mark.parametrize("name", STREAMS)
@pytest.mark.parametrize("as_of", ["2025-08-01", "2026-03-01", "2026-10-20"])
def test_the_english_report_has_no_chinese_but_the_contracts_own_words(seed, name, as_of):
    facts = (ROOT / "facts" / f"{name}.jsonl").read_text(encoding="utf-8")
    report = seed.evaluate(facts.splitlines(), as_of, f"facts/{name}.jsonl", lang="en")
    for inactive in (False, True):
        text = render(report, "en", inactive=inactive)
        assert not stray_chinese(text, facts), (inactive, stray_chinese(text, facts))
        assert "1. Summary" in text and "2. Clause by clause" in text


def test_the_english_report_has_the_shape_of_the_chinese_one(seed):
    facts = (ROOT / "facts" / "missed-review.jsonl").read_text(encoding="utf-8")
    report = seed.evaluate(facts.splitlines(), "2026-10-20", "facts/missed-review.jsonl", lang="en")
    text = render(report, "en")
    lines = text.splitlines()
    assert lines[:3] == ["Contract GZSMZTXXZX2025004 省民政厅2025年度信息化运维项目服务合同",
                         "As of 20 October 2026, 00:00 (2026-10-20T00:00:00+08:00)",
                         "The contract took effect at 27 June 2025, 10:00 (2025-06-27T10:00:00+08:00)"]
    assert text.index("1. Summary") < text.index("2. Clause by clause") < text.index("3. Findings")
    summary = lines[lines.index("1. Summary") + 1:lines.index("2. Clause by clause")]
    assert summary[0] == ("  Violated (2): acceptance_review (审核验收申请, clause 5.2.3, acceptance_applied "
                          "(oa-20260928-001)); resubmit_acceptance (整改后重新提交验收申请, clause 5.2.3, "
                          "acceptance_held (oa-20260710-001)) (performed late, at 28 September 2026, 09:30)")
    assert summary[1] == "  Due within the next 10 working days (0)"
    assert summary[2] == "  Open remedies (1): bond_deduction (直接扣减保证金) 甲方"
    # (bond_deduction's row is of the failed expert acceptance: its line's readings, not the interruptions' lines' —
    # fuzz round 25 — nor failed_review_fails, which only the review's line compares — a reviewer, round 25)
    assert summary[3] == ("  Assumptions these conclusions rest on: acceptance_application, deduction_needs_bond, "
                          "rectification_term")
    # clause by clause in the rule file's order, each obligation with its dates and reasons beside it
    at = lines.index("  acceptance_review (审核验收申请) 甲方 → 乙方: VIOLATED")
    assert lines[at + 1:at + 5] == [
        "    triggered  acceptance_applied (oa-20260928-001)  28 September 2026, 09:30 (2026-09-28T09:30:00+08:00)",
        "    due  16 October 2026, 24:00 (2026-10-17T00:00:00+08:00) (late from that instant on)",
        "    assumptions  acceptance_application",
        "    reasons"]
    assert lines[at + 5].startswith("      5.2.3: triggered by oa-20260928-001")
    assert "  Not yet triggered: pay_installment_1 (支付第一期款)" in lines
    assert "  Remedy bond_deduction (直接扣减保证金), held by 甲方 since 10 July 2026, 10:00 " \
           "(2026-07-10T10:00:00+08:00): OPEN" in lines
    assert any(line.startswith("  warning[amount_words_mismatch] (附件1): subprojects total") for line in lines)
    calendar = report["calendar"][0]
    assert lines[-1] == (f"Rule file {report['rules']['file']} (encoding UTF-8, text sha256 {report['rules']['sha256']})"
                         f"; calendars {calendar['name']} {calendar['version']} {calendar['years']}")
    assert "Why" not in lines and "INACTIVE" not in text  # not the old timeline-then-reasons report
    unfolded = render(report, "en", inactive=True)
    assert "  pay_installment_1 (支付第一期款) 甲方 → 乙方: NOT TRIGGERED" in unfolded
    assert "Not yet triggered: pay_installment_1" not in unfolded
    zh = render(seed.evaluate(facts.splitlines(), "2026-10-20", "facts/missed-review.jsonl"), "zh")
    assert len([x for x in zh.splitlines() if not x.startswith("      ")]) == \
        len([x for x in lines if not x.startswith("      ")])  # line for line the Chinese report's frame


def test_the_english_report_says_when_the_contract_ended_and_when_hours_run_out(seed):
    facts = (ROOT / "facts" / "public-interest.jsonl").read_text(encoding="utf-8")
    text = render(seed.evaluate(facts.splitlines(), "2026-03-01", lang="en"), "en")
    assert ("The contract ended at 14 January 2026, 09:00 (2026-01-14T09:00:00+08:00): 甲方因损害公共利益、公共安全终止合同 "
            "(buyer_terminates, clause 3.1.3, on oa-202); assumptions it rests on: prepayment_guarantee_release, "
            "termination_ground_reading, termination_effective, termination_after_performance") in text
    assert "Remedy buyer_termination (甲方终止合同（公共利益、公共安全）), held by 甲方 since 12 January 2026, 15:00 " \
           "(2026-01-12T15:00:00+08:00): EXERCISED" in text
    facts = (ROOT / "facts" / "data-leak.jsonl").read_text(encoding="utf-8")
    text = render(seed.evaluate(facts.splitlines(), "2026-04-10T10:00"), "en")  # a Chinese report, worded in English
    assert "Due within the next 10 working days (2): breach_notice (数据泄露书面通知, 附件2 三.5, data_leak_discovered " \
           "(mon-20260410-001)), in time up to and including 10 April 2026, 11:00; " in text
    assert "    due  10 April 2026, 11:00 (2026-04-10T11:00:00+08:00) (in time up to and including that instant)" in text


def test_qiyue_eval_lang_en_prints_the_english_report():
    r = subprocess.run([sys.executable, "-m", "engine.cli", "eval", "rules/gzmz-2025-it-ops.qy", "--facts",
                        "facts/missed-review.jsonl", "--as-of", "2026-10-20", "--lang", "en"],
                       cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    lines = r.stdout.splitlines()
    assert lines[4:6] == ["1. Summary", "  Violated (2): acceptance_review (审核验收申请, clause 5.2.3, acceptance_applied "
                                        "(oa-20260928-001)); resubmit_acceptance (整改后重新提交验收申请, clause 5.2.3, "
                                        "acceptance_held (oa-20260710-001)) (performed late, at 28 September "
                                        "2026, 09:30)"]
    assert lines[-1].startswith("Rule file rules/gzmz-2025-it-ops.qy (encoding UTF-8, text sha256 ")
    assert "; facts file facts/missed-review.jsonl (encoding UTF-8); calendars chinese-calendar " in lines[-1]
