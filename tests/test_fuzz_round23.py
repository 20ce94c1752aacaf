"""Fuzz round 23: what the engine WRITES — `qiyue eval --format text|json|html` (and `--lang en`), `qiyue check`,
`qiyue watch`, `qiyue verify`, the Python API's report — fed rule files whose labels, notes, quotes, reasons, clause
numbers, party names and readings hold HTML/JS, ANSI escapes, line separators, bidi overrides, zero-width and other
invisible characters, braces and percent signs; fact streams whose ids and texts do the same; extremes (1,000
obligations, a label of 10,000 characters, thousands of facts at one instant, amounts near the largest, the years 1900
and 9000); and the text, JSON and HTML of one report compared row by row (a parser of the text and of the page,
hypothesis over the seed contract's streams).

What was found and fixed in this round (/tmp/fuzz23.patch) — plain tests here:
- `qiyue verify`'s text printed the rule file's labels raw: ESC [31m reached the terminal, U+2028 and U+0085 broke a
  line in two, U+202E reversed it (eval's report shows each as its escape); its "find it again" command did not quote
  a file name with a space.
- `qiyue check`'s "检查通过" line printed the file's name raw (ESC, a line end: a forged line "  错误 …").
- `qiyue check`'s caret stood five columns left of the column it names for each invisible character before it on the
  line (the line shows U+200B as \\u200b, six columns; the caret counted one).
- `qiyue watch --format json`: U+2028, U+2029, U+0085 and U+202E of a fact written raw into the JSON Lines — a reader
  splitting lines as str.splitlines() does met 255 pieces of 9 lines, none of them JSON.  Now written as JSON's own
  escape (the same value).
- `qiyue watch`: the error of a bad line N was printed before the changes of the lines before it in the same read.
- Characters drawn as nothing that facts.py already takes for unseen (U+2061–2064, U+180E, a soft hyphen, U+206A–206F,
  U+FFF9–FFFB, the tag characters U+E0000–E007F) were printed raw: facts "o1" and "o1\\u2063" read alike in the text
  report, the page and the watch.  An escape of a character beyond U+FFFF is its two surrogates (\\ue0041 would read
  back as U+E004 and "1").
- The text report cut a title, a clause's title or a finding ending in U+001C…U+001F or U+3000 (str.strip takes them
  for white space) — the JSON kept them.
- The page's time axis hid the year of its first tick whenever the next tick was in another year — on an axis of
  centuries (1900 to 9000) the first tick read "12月" of no year.  And a clause number with a space (附件2 六) made an
  element id with a space (not a valid id).
- `assumption term = 3 days one of ("3 days", "5 days")` was refused with "假定 term 的取值“”不是它所列的理解之一" —
  a value of nothing quoted; now `assumption_choice.not_text`: readings are for a text value.

Guards (plain tests; the injected text holds U+2063 and U+E0041 too, so the first four failed before the fix for those
alone): the page escapes everything (html.parser finds no element or attribute the rule file or the
facts put there; no raw control character), the text and the watch never let a value start a line, the JSON and the
typed report keep every character exactly, braces in labels and ids are never formatted, outputs at the extremes stay
correct and quick, and the text, JSON and page say the same statuses, dues and amounts.
"""
from __future__ import annotations

import json
import re
import textwrap
import time
from decimal import Decimal
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from engine.api import compile_file, compile_rules
from engine.cli import main
from engine.diagnostics import QiyueError
from engine.report.build import TEXT_WORDS, by_clause, remedy_value, render
from engine.report.html import render_html

ROOT = Path(__file__).resolve().parent.parent

# what a label or a fact may hold to attack the reader: markup, a terminal's escape, line separators, a bidi override,
# zero-width and other invisible characters, and a trailing U+001C (white space to str.strip)
X = ("<script>alert(1)</script>'><img src=x onerror=alert(2)></style>\x1b[31mRED\u202eEVIL\u2028LS\u2029PS"
     "\u200bZW\x85NEL\x0bVT\u2063IS\U000e0041TAG\x1c")
XF = X + '"><svg onload=alert(3)>\r\nCR\n  已违约 0 项\x00NUL'  # (a fact may also hold " CR LF and NUL)
RAW = set("\x00\x1b\r\x85\x0b\x1c\u2028\u2029\u202e\u200b\u2063\U000e0041")


def cli(capsys, *args):
    rc = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return rc, out, err


def injected_rules(x: str = X) -> str:
    return textwrap.dedent(f'''\
        contract "T-23{x}" "测试{x}" {{
          calendar official
        }}
        party 甲方 "买方{x}" as buyer
        party 乙方 "卖方{x}" as seller
        assumption term "期限{x}" = 3 days "理由{x}"
        assumption mode "读法{x}" = "a" one of ("a" "甲{x}", "b" "乙{x}") "理由{x}"
        event order "订单{x}" {{ amount: money "金额{x}"  kind: one of (a "甲{x}", b "乙{x}") "种类{x}"  memo: text optional "备注{x}" }}
        event delivered "交付{x}" {{ ref: ref (order) "订单{x}" }}
        clause "1{x}" "交付{x}" {{
          quote "引文{x}"
          obligation deliver "交付{x}" {{
            debtor 乙方
            creditor 甲方
            for each order o
            fulfilled by delivered d where d.ref == o.id
            within term
            note "注{x}"
          }}
          remedy late "违约金{x}" {{
            holder 甲方
            for each deliver.violated v
            amount 1% of v.o.amount per day
            note "注{x}"
          }}
          deemed got "视为{x}" {{
            for each delivered d
            at d.at + 1 day
          }}
          property never_late "永不违约{x}" {{
            never deliver.violated v
          }}
        }}
        ''')


def injected_facts(x: str = XF) -> list[str]:
    facts = [{"id": "o1" + x, "type": "order", "at": "2026-03-02T10:00:00+08:00", "amount": "500.00", "kind": "a",
              "memo": "m" + x},
             {"id": "o2", "type": "order", "at": "2026-03-02T10:00:00+08:00", "amount": "500.00", "kind": "b"},
             {"id": "d2" + x, "type": "delivered", "at": "2026-03-03T10:00:00+08:00", "ref": "o2"}]
    return [json.dumps(f, ensure_ascii=False) for f in facts]


@pytest.fixture(scope="module")
def injected(tmp_path_factory):
    d = tmp_path_factory.mktemp("inj")
    rules, facts = d / "inj.qy", d / "inj.jsonl"
    rules.write_text(injected_rules(), encoding="utf-8")
    facts.write_text("\n".join(injected_facts()) + "\n", encoding="utf-8")
    return rules, facts


class _Page(HTMLParser):
    ALLOWED = {"html", "head", "meta", "title", "style", "body", "h1", "h2", "small", "p", "b", "code", "span", "label",
               "input", "div", "svg", "defs", "path", "line", "text", "g", "rect", "circle", "use", "section", "table",
               "thead", "tbody", "tr", "th", "td", "br", "details", "summary", "ul", "li", "script", "wbr"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.bad, self.scripts, self.styles, self.ids = [], 0, 0, []

    def handle_starttag(self, tag, attrs):
        if tag not in self.ALLOWED:
            self.bad.append(tag)
        for k, v in attrs:
            if k.startswith("on") or (v and "javascript:" in v.lower()):
                self.bad.append(f"{tag}@{k}")
            if k == "id":
                self.ids.append(v)
        self.scripts += tag == "script"
        self.styles += tag == "style"


def page_check(page: str) -> _Page:
    p = _Page()
    p.feed(page)
    p.close()
    return p


# ----------------------------------------------------------------------------------------------- fixed in this round

def test_verify_text_shows_a_labels_control_characters_as_their_escapes(injected, capsys, tmp_path):
    rules, _ = injected
    spaced = tmp_path / "my rules.qy"  # (a name with a space: the command to find it again quotes it)
    spaced.write_text(rules.read_text(encoding="utf-8"), encoding="utf-8")
    rc, out, _ = cli(capsys, "verify", spaced, "--examples", "5", "--seed", "1")
    assert rc == 1 and "never_late" in out
    assert not RAW & set(out), sorted(RAW & set(out))
    assert "\\u001b[31mRED\\u202eEVIL\\u2028LS" in out
    assert f"qiyue verify '{spaced}' --seed 1 --only never_late" in out


def test_check_ok_line_shows_a_file_name_with_esc_and_a_line_end_as_escapes(capsys, tmp_path):
    path = tmp_path / "ok\x1b[31m\n  错误 fake.qy"
    path.write_text('contract "A" "t" {\n  calendar official\n}\nparty 甲方 "买方" as buyer\n', encoding="utf-8")
    rc, out, _ = cli(capsys, "check", path)
    assert rc == 0 and out.count("\n") == 1 and "\x1b" not in out
    assert "ok\\u001b[31m\\u000a  错误 fake.qy" in out


def test_check_caret_stands_under_its_column_after_an_invisible_character(capsys, tmp_path):
    path = tmp_path / "caret.qy"
    path.write_text('contract "A" "t" {\n  calendar official\n}\nparty 甲方 "买方\u200b" as buyer x\n', encoding="utf-8")
    rc, _, err = cli(capsys, "check", path)
    assert rc == 1
    source, caret = [line for line in err.split("\n") if line.startswith("    4 |") or line.strip() == "^"]
    assert source.endswith("as buyer x") and "\\u200b" in source
    # the line shows 买方 (4 columns) and \u200b (6): the caret stands under the x, the last column of the line
    # (甲方 and 买方: four CJK characters, one extra column each; before the fix the caret stood 5 columns short)
    assert len(caret) == len(source) + 4, (source, caret)


def test_watch_json_lines_are_lines_however_a_reader_splits_them(injected, capsys):
    rules, facts = injected
    rc, out, _ = cli(capsys, "watch", rules, "--facts", facts, "--until", "2026-04-01", "--format", "json")
    assert rc == 0
    lines = out.split("\n")[:-1]
    assert out.splitlines() == lines and len(lines) > 5  # (before: 255 pieces of 9 lines)
    changes = [json.loads(line) for line in lines]
    first = next(c for c in changes if c["code"] == "fact")
    assert first["args"]["fact"]["id"] == "o1" + XF  # the same value, every character


def test_watch_prints_a_bad_lines_error_after_the_changes_of_the_lines_before_it(capsys, tmp_path):
    rules = tmp_path / "r.qy"
    rules.write_text(injected_rules(""), encoding="utf-8")
    facts = tmp_path / "f.jsonl"
    facts.write_text('{"id": "o1", "type": "order", "at": "2026-03-02T10:00:00+08:00", "amount": "1.00", "kind": "a"}\n'
                     '{"id": "o2", "type": "order", "at": "2026-03-03T10:00:00+08:00", "amount": "1.0.0", "kind": "a"}\n'
                     '{"id": "o3", "type": "order", "at": "2026-03-04T10:00:00+08:00", "amount": "1.00", "kind": "a"}\n',
                     encoding="utf-8")
    rc, out, _ = cli(capsys, "watch", rules, "--facts", facts, "--once", "--format", "json")
    assert rc == 1
    kinds = [("errors" if "errors" in c else c["code"], c.get("args", {}).get("fact", {}).get("id"))
             for c in map(json.loads, out.splitlines())]
    error = kinds.index(("errors", None))
    assert ("fact", "o1") in kinds[:error] and ("fact", "o3") in kinds[error:], kinds


def test_invisible_format_characters_of_an_id_are_shown_in_text_html_and_watch():
    rules = compile_rules(injected_rules(""), "r.qy")
    facts = [{"id": "o1", "type": "order", "at": "2026-03-02T10:00:00+08:00", "amount": "1.00", "kind": "a"}]
    for ch, shown in (("\u2063", "\\u2063"), ("\u180e", "\\u180e"), ("\u00ad", "\\u00ad"), ("\u206a", "\\u206a"),
                      ("\ufffb", "\\ufffb"), ("\U000e0041", "\\udb40\\udc41")):
        # (beside "o0", not "o1": an id differing from another by invisible characters alone is refused as that id
        # written otherwise since fuzz round 32)
        two = [dict(facts[0], id="o0"), dict(facts[0], id="o1" + ch)]
        report = rules.evaluate([json.dumps(f) for f in two], "2026-04-01")
        text, page = render(report), render_html(report)
        assert ch not in text and ch not in page, hex(ord(ch))
        assert f"o1{shown}" in text and f"o1{shown}" in page
        session = rules.session("f.jsonl")
        session.add([json.dumps(f) for f in two])
        said = "\n".join(c["text"] for c in session.changes())
        assert ("o1" + ch) in said  # (the change's own text is data: the watch prints it through `visible`)
    from engine.textfile import visible
    assert json.loads(visible(json.dumps("a\U000e0041b", ensure_ascii=False))) == "a\U000e0041b"


def test_text_report_keeps_a_title_and_a_reason_ending_in_u001c():
    rules = compile_rules(injected_rules(), "r.qy")
    report = rules.evaluate(injected_facts(), "2026-04-01")
    assert report["title"].endswith("\x1c")
    text = render(report)
    first = text.split("\n")[0]
    assert first.endswith("TAG\\u001c"), first[-30:]
    heading = next(line for line in text.split("\n") if line.startswith("第 1"))
    assert heading.endswith("TAG\\u001c")
    assert all(line.endswith("TAG\\u001c") for line in text.split("\n") if "[open_point]" in line)


def test_the_first_tick_of_an_axis_of_centuries_has_its_year():
    rules = compile_rules(textwrap.dedent('''\
        contract "M" "钱" {
          calendar official
          calendar fallback weekdays
        }
        party 甲方 "买方" as buyer
        party 乙方 "卖方" as seller
        event order "订单" { amount: money "金额" }
        event delivered "交付" { ref: ref (order) "订单" }
        clause "1" "交付" {
          obligation deliver "交付" {
            debtor 乙方
            creditor 甲方
            for each order o
            fulfilled by delivered d where d.ref == o.id
            within 3 days
          }
        }
        '''), "m.qy")
    facts = ['{"id": "o1", "type": "order", "at": "1900-01-01T00:00:00+08:00", "amount": "1.00"}',
             '{"id": "o2", "type": "order", "at": "9000-12-31T23:59:59+08:00", "amount": "1.00"}']
    page = render_html(rules.evaluate(facts, "9000-12-31T23:59:59"))
    ticks = re.findall(r'<text x="([\d.]+)%"[^>]*class="(tick-label[^"]*)">([^<]*)<', page)
    first_x = ticks[0][0]
    assert any(x == first_x and cls == "tick-label year" for x, cls, _ in ticks), ticks[:3]


def test_a_clause_number_with_a_space_gives_an_id_without_one():
    rules = compile_file(ROOT / "rules" / "gzmz-2025-it-ops.qy")
    lines = (ROOT / "facts" / "late-payment.jsonl").read_text(encoding="utf-8").splitlines()
    ids = page_check(render_html(rules.evaluate(lines, "2025-12-31"))).ids
    assert "clause-附件2%20六" in ids
    assert all(not re.search(r"[ \t\n\f\r]", i) for i in ids) and len(ids) == len(set(ids))


def test_readings_of_an_assumption_that_is_not_a_text_say_so():
    with pytest.raises(QiyueError) as e:
        compile_rules('contract "T" "t" { calendar official }\nparty 甲方 "买方" as buyer\n'
                      'assumption term "期限" = 3 days one of ("3 days" "三日", "5 days" "五日") "理由"\n', "a.qy")
    (d,) = e.value.diagnostics
    assert d.code == "assumption_choice" and "“”" not in d.text("zh")
    assert "不是带引号的文字" in d.text("zh") and "not a quoted text" in d.text("en")


# ---------------------------------------------------------------------------------------------------------- guards

@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_page_escapes_every_injected_label_and_fact(injected, capsys, tmp_path, lang):
    rules, facts = injected
    out = tmp_path / "p.html"
    assert cli(capsys, "eval", rules, "--facts", facts, "--as-of", "2026-04-01", "--format", "html", "--lang", lang,
               "-o", out)[0] == 0
    page = out.read_text(encoding="utf-8")
    p = page_check(page)
    assert p.bad == [] and p.scripts == 1 and p.styles == 1
    assert not RAW & set(page)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "\\u202e" in page


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_text_report_and_watch_let_no_value_start_a_line(injected, capsys, lang):
    rules, facts = injected
    rc, text, _ = cli(capsys, "eval", rules, "--facts", facts, "--as-of", "2026-04-01", "--lang", lang, "--inactive")
    rc2, watch, _ = cli(capsys, "watch", rules, "--facts", facts, "--until", "2026-04-01", "--lang", lang)
    assert rc == rc2 == 0
    for out in (text, watch):
        assert not RAW & set(out), sorted(RAW & set(out))
        assert not [line for line in out.split("\n") if line.lstrip().startswith(("已违约 0", "CR", "<svg", "NUL"))]
    assert all(re.match(r"\d{4}年|\d{1,2} \w+ \d{4}", line) for line in watch.split("\n")[:-1])


def test_json_and_the_typed_report_keep_every_character(injected, capsys):
    import qiyue

    rules, facts = injected
    rc, out, _ = cli(capsys, "eval", rules, "--facts", facts, "--as-of", "2026-04-01", "--format", "json")
    data = json.loads(out)
    assert rc == 0 and data["title"] == "测试" + X and data["contract"] == "T-23" + X
    assert {o["trigger"] for o in data["obligations"]} == {"o1" + XF, "o2"}
    report = qiyue.evaluate(rules, facts, "2026-04-01")
    assert report.as_dict() == data
    rc, out, _ = cli(capsys, "check", rules, "--format", "json")
    assert rc == 0 and any(X in f["message"] for f in json.loads(out)["findings"])


def test_braces_and_percent_signs_are_never_formatted(capsys, tmp_path):
    y = "{0}{}{name}{t.__class__}%s%(x)s{{"
    rules = compile_rules(injected_rules(y), "b.qy")
    facts = injected_facts(y)
    for lang in ("zh", "en"):
        report = rules.evaluate(facts, "2026-04-01", lang=lang)
        assert y in render(report, lang, inactive=True) and "{t.__class__}" in render_html(report, lang)


def test_a_thousand_obligations_are_reported_quickly_and_the_page_draws_400():
    body = "".join(textwrap.dedent(f'''\
        clause "{i}" "条{i}" {{
          obligation d{i} "交付{i}" {{
            debtor 乙方
            creditor 甲方
            for each order o
            fulfilled by delivered d where d.ref == o.id and d.k == {i}
            within {i % 30 + 1} days
          }}
        }}
        ''') for i in range(1000))
    head = textwrap.dedent('''\
        contract "BIG" "大" {
          calendar official
        }
        party 甲方 "买方" as buyer
        party 乙方 "卖方" as seller
        event order "订单" { amount: money "金额" }
        event delivered "交付" { ref: ref (order) "订单"  k: int 0..1000 "号" }
        ''')
    started = time.perf_counter()
    rules = compile_rules(head + body, "big.qy")
    facts = ['{"id": "o1", "type": "order", "at": "2026-03-02T10:00:00+08:00", "amount": "1.00"}'] + [
        json.dumps({"id": f"d{i}", "type": "delivered", "at": "2026-03-03T10:00:00+08:00", "ref": "o1", "k": i})
        for i in range(0, 1000, 2)]
    report = rules.evaluate(facts, "2026-04-01")
    text, page = render(report), render_html(report)
    took = time.perf_counter() - started
    assert took < 20, took  # (about 2 s here)
    statuses = [o["status"] for o in report["obligations"]]
    # the even ones delivered; an odd one of 30 days (i % 30 == 29: 33 of them) ends Wed 04-01 24:00 — still active
    # at 04-01 00:00; the other 467 odd ones ended by 03-31 24:00
    assert (statuses.count("fulfilled"), statuses.count("violated"), statuses.count("active")) == (500, 467, 33)
    assert "已违约 467 项" in text
    p = page_check(page)
    assert p.bad == [] and page.count('class="row-label"') == 400 and "另有 600 项义务列在下表中" in page
    assert page.count("<tr class='ob ") == 1000


def test_a_label_of_ten_thousand_characters_is_cut_on_the_axis_and_whole_in_the_tables():
    label = "长" * 5000 + "x" * 5000
    rules = compile_rules(injected_rules("").replace('"交付" {\n    debtor', f'"{label}" {{\n    debtor'), "l.qy")
    report = rules.evaluate(injected_facts(""), "2026-04-01")
    page = render_html(report)
    shown = re.findall(r'class="row-label">([^<]*)</div>', page)
    assert all(len(s) <= 40 for s in shown) and any(s.endswith("…") and "长" in s for s in shown)
    assert (f"<small>{label}</small>" in page or f"<td>{label}<br>" in page) and label in render(report)


def test_many_facts_at_one_instant(tmp_path):
    rules = compile_rules(injected_rules(""), "r.qy")
    facts = [json.dumps({"id": f"o{i}", "type": "order", "at": "2026-03-02T10:00:00+08:00", "amount": "1.00",
                         "kind": "a"}) for i in range(3000)]
    started = time.perf_counter()
    report = rules.evaluate(facts, "2026-04-01")
    text, page = render(report), render_html(report)
    assert time.perf_counter() - started < 20  # (50,000 facts: 4.5 s text, 4.1 s JSON, 5.6 s HTML by the CLI)
    assert sum(o["status"] == "violated" for o in report["obligations"]) == 3000
    assert "已违约 3000 项" in text and len(report["remedies"]) == 3000
    assert all(r["amount"] == "0.27" for r in report["remedies"])  # 1% of ¥1.00 a day, 03-06 … 04-01: 27 days
    assert page_check(page).bad == []


def test_amounts_near_the_largest_are_exact_or_refused_with_a_reason():
    rules = compile_rules(injected_rules(""), "r.qy")
    facts = [json.dumps({"id": f"o{i}", "type": "order", "at": "2026-03-02T10:00:00+08:00",
                         "amount": "500,000,000,000,000.00", "kind": "a"}) for i in (1, 2)]
    report = rules.evaluate(facts, "2026-08-01")
    # 1% of ¥500,000,000,000,000.00 a day = ¥5,000,000,000,000.00; 2026-03-06 … 08-01 is 149 days (the as-of day
    # counted, as the report says: "2026年8月1日0时 所在之日")
    assert [r["amount"] for r in report["remedies"]] == ["745000000000000.00"] * 2
    assert "¥745,000,000,000,000.00" in render(report) and "¥745,000,000,000,000.00" in render_html(report)
    big = [f.replace("500,000,000,000,000.00", "999,999,999,999,999.99") for f in facts]
    with pytest.raises(QiyueError) as e:
        rules.evaluate(big, "2026-12-01")  # 271 days × ¥9,999,999,999,999.9999: past ¥1,000,000,000,000,000
    assert [d.code for d in e.value.diagnostics] == ["amount_out_of_range"]


def test_the_years_1900_and_9000():
    rules = compile_rules(textwrap.dedent('''\
        contract "M" "钱" {
          calendar official
          calendar fallback weekdays
        }
        party 甲方 "买方" as buyer
        party 乙方 "卖方" as seller
        event order "订单" { amount: money "金额" }
        event delivered "交付" { ref: ref (order) "订单" }
        clause "1" "交付" {
          obligation deliver "交付" {
            debtor 乙方
            creditor 甲方
            for each order o
            fulfilled by delivered d where d.ref == o.id
            within 3 days
          }
          remedy late "违约金" {
            holder 甲方
            for each deliver.violated v
            amount 1% of v.o.amount per day
          }
        }
        '''), "y.qy")
    facts = ['{"id": "o1", "type": "order", "at": "1900-01-01T00:00:00+08:00", "amount": "1.00"}',
             '{"id": "o2", "type": "order", "at": "9000-12-31T23:59:59+08:00", "amount": "1.00"}']
    report = rules.evaluate(facts, "9000-12-31T23:59:59")
    # 1900-01-01 a Monday: 3 days end Thu 01-04 24:00; 9000-12-31 a Wednesday: 3 days end Sat 9001-01-03, moved to
    # Monday 01-05 (weekdays: no calendar of 9001); the fee: 1900-01-05 … 9000-12-31 is 2,593,583 days × ¥0.01
    assert [(o["status"], o["due"]) for o in report["obligations"]] == [
        ("violated", "1900-01-05T00:00:00+08:00"), ("active", "9001-01-06T00:00:00+08:00")]
    assert [r["amount"] for r in report["remedies"]] == ["25935.83"]
    text = render(report)
    assert "1900年1月4日24时" in text and "9001年1月5日24时" in text and "¥25,935.83" in text
    assert page_check(render_html(report)).bad == []


# ------------------------------------------------------------------- the same report in text, JSON and HTML

ISO = r"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?[+-]\d\d:\d\d)"


class _Rows(HTMLParser):
    """The page's table rows (obligations, deemed events, remedies), each cell's text outside its reasons."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.rows, self.cur, self.cell, self.details = [], None, None, 0

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        kind = (a.get("class") or "").split()
        if tag == "tr" and kind[:1] and kind[0] in ("ob", "event", "remedy"):
            self.cur = {"class": kind, "cells": []}
        elif tag == "td" and self.cur is not None:
            self.cell = []
        elif tag == "details":
            self.details += 1

    def handle_endtag(self, tag):
        if tag == "td" and self.cur is not None and self.cell is not None:
            self.cur["cells"].append("".join(self.cell))
            self.cell = None
        elif tag == "tr" and self.cur is not None:
            self.rows.append(self.cur)
            self.cur = None
        elif tag == "details":
            self.details -= 1

    def handle_data(self, data):
        if self.cell is not None and not self.details:
            self.cell.append(data)


def _first(text, last=False):
    found = re.findall(ISO, text)
    return (found[-1] if last else found[0]) if found else None


def page_view(report, lang):
    p = _Rows()
    p.feed(render_html(report, lang))
    w = TEXT_WORDS[lang]
    status = {v: k for k, v in w["status"].items()}
    rstatus = {v: k for k, v in w["remedy_status"].items()}
    obs, evs, rems = [], [], []
    for r in p.rows:
        c = r["cells"]
        if r["class"][0] == "ob":
            assert r["class"][1] == status[c[2]]
            obs.append({"status": status[c[2]], "due": _first(c[4]), "fulfilled_at": _first(c[5])})
        elif r["class"][0] == "event":
            evs.append(_first(c[3], last=True))
        else:
            state = re.search(r"[（(]([^（）()]*)[）)]$", c[2]).group(1)
            rems.append({"status": rstatus[state], "since": _first(c[4], last=True), "value": c[5]})
    return [o for o in obs if o["status"] != "inactive"], evs, rems


def text_view(report, lang):
    w = TEXT_WORDS[lang]
    status = {v: k for k, v in w["status"].items()}
    rstatus = {v: k for k, v in w["remedy_status"].items()}
    colon = "：" if lang == "zh" else ": "
    lines = render(report, lang).split("\n")
    start = lines.index(w["by_clause"])
    summary = {}
    for line in lines[:start]:
        for key in ("violated", "undetermined"):
            m = re.match(re.escape(w[key]).replace(r"\{n\}", r"(\d+)"), line)
            if m:
                summary[key] = int(m.group(1))
    heads = {k: w[k].strip().split("  ")[0] for k in ("due", "continuing", "performed")}
    remedy, event = w["remedy"].strip().split("{")[0], w["event"].strip().split("{")[0]
    obs, evs, rems, cur = [], [], [], None
    for line in lines[start + 1:]:
        if line.startswith("  ") and not line.startswith("   "):
            body, cur = line[2:], None
            if body.startswith(remedy):
                before, state = body.rsplit(colon, 1)
                money = re.findall(r"-?¥[\d,]+\.\d\d", before)
                rems.append({"status": rstatus[state], "since": _first(body), "amount": money[-1] if money else None})
            elif body.startswith(event):
                evs.append(_first(body))
            elif colon in body and body.rsplit(colon, 1)[1] in status:
                cur = {"status": status[body.rsplit(colon, 1)[1]], "due": None, "fulfilled_at": None}
                obs.append(cur)
        elif cur is not None and line.startswith("    ") and not line.startswith("     "):
            head = line.strip().split("  ")[0]
            if head in (heads["due"], heads["continuing"]):
                cur["due"] = _first(line)
            elif head == heads["performed"]:
                # (performed by a fact of its day alone: the text gives that day, not beside a T00:00 that reads as
                # in time before an hour — review round 46 —; the JSON's fulfilled_at is that day's 00:00)
                day = re.search(r"（(\d{4}-\d{2}-\d{2})）|\((\d{4}-\d{2}-\d{2})\)", line)
                cur["fulfilled_at"] = _first(line) or (f"{day.group(1) or day.group(2)}T00:00:00+08:00" if day else None)
    return summary, obs, evs, rems


def disagreements(report, lang):
    j_obs, j_evs, j_rems = [], [], []
    for _clause, o, e, r in by_clause(report):
        j_obs += [x for x in o if x["status"] != "inactive"]
        j_evs += [x["at"] for x in e]
        j_rems += r
    summary, t_obs, t_evs, t_rems = text_view(report, lang)
    h_obs, h_evs, h_rems = page_view(report, lang)
    out = []
    want = [{"status": o["status"], "due": o["due"] or o.get("due_not_before"), "fulfilled_at": o["fulfilled_at"]}
            for o in j_obs]
    if t_obs != want:
        out.append(("text obligations", t_obs, want))
    if h_obs != [dict(x, due=o["due"]) for x, o in zip(want, j_obs)]:
        out.append(("page obligations", h_obs, want))
    if t_evs != j_evs or h_evs != j_evs:
        out.append(("events", t_evs, h_evs, j_evs))
    want_r = [(r.get("status", "held"), r["since"], remedy_value(r, lang) if r.get("amount") is not None else None)
              for r in j_rems]
    if [(r["status"], r["since"], r["amount"]) for r in t_rems] != want_r:
        out.append(("text remedies", t_rems, want_r))
    if [(r["status"], r["since"], r["value"] if w[2] else None) for r, w in zip(h_rems, want_r)] != want_r \
            or len(h_rems) != len(want_r):
        out.append(("page remedies", h_rems, want_r))
    if summary.get("violated") != sum(o["status"] == "violated" for o in j_obs) \
            or summary.get("undetermined", 0) != sum(o["status"] == "undetermined" for o in j_obs):
        out.append(("summary", summary))
    return out


@pytest.fixture(scope="module")
def seed():
    return compile_file(ROOT / "rules" / "gzmz-2025-it-ops.qy")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_text_json_and_page_agree_on_the_seed_fact_files(seed, lang):
    for path in sorted((ROOT / "facts").glob("*.jsonl")):
        lines = path.read_text(encoding="utf-8").splitlines()
        for as_of in ("2025-09-01", "2026-07-20"):
            assert disagreements(seed.evaluate(lines, as_of, lang=lang), lang) == [], (path.name, as_of)


def test_text_json_and_page_agree_on_drawn_streams(seed):
    from engine.testing import fact_streams, report_of

    @settings(max_examples=40, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
    @given(fact_streams(seed, max_facts=16), st.sampled_from(["zh", "en"]))
    def agree(stream, lang):
        assert disagreements(report_of(seed, stream, lang), lang) == []

    agree()
