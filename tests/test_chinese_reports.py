"""The seed scenarios' text and HTML reports are for legal staff: no English word they would have to
read, identifiers of the rule file and of the facts aside (names, ids, codes, rule text quoted),
and the instants written in ISO beside the Chinese.  ``--lang en`` gives the English report."""
import html as html_lib
import re
from pathlib import Path

import pytest

from engine.html import render_html
from engine.report import render

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
    assert "未触发：release_bond（配合终止履约保函）" in folded
    assert "release_bond（配合终止履约保函） 甲方 → 乙方：未触发" in unfolded and "尚未触发" in unfolded
    assert "未触发：release_bond" not in unfolded
