"""A fuzzer's fourth round: each finding, as the fix should keep it (every test here fails before the fix)."""
import json
import os
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from engine.api import compile_file, compile_rules
from engine.diagnostics import QiyueError, render_text

ROOT = Path(__file__).resolve().parent.parent
SEED = str(ROOT / "rules" / "gzmz-2025-it-ops.qy")
LATE = str(ROOT / "facts" / "late-payment.jsonl")

HEAD = textwrap.dedent('''\
    contract "F-4" "测试" { calendar official }
    party 甲方 "买方" as buyer
    party 乙方 "卖方" as supplier
    param price "价款" = ¥1,000.00
    event delivered "交付" { qty: int 1..10 "数量"  note: text optional }
    event paid "付款" { amount: money }
    clause "1" "付款" {
      obligation pay "付款义务" {
        debtor 甲方
        creditor 乙方
        for each delivered d
        fulfilled by paid p where p.amount >= price
        within 5 days
      }
    }
    ''')

D1 = '{"id": "d1", "type": "delivered", "at": "2026-03-03T10:00:00+08:00", "qty": 1}'
P1 = '{"id": "p1", "type": "paid", "at": "2026-03-04T10:00:00+08:00", "amount": "1000.00"}'


def edit(old, new, base=HEAD):
    assert old in base, old
    return base.replace(old, new, 1)


def refused(text):
    with pytest.raises(QiyueError) as exc:
        compile_rules(text, "f.qy")
    return exc.value.diagnostics


def cli(*args, stdin=None, env=None, cwd=ROOT):
    return subprocess.run([sys.executable, "-m", "engine.cli", *args], capture_output=True, input=stdin, cwd=cwd,
                          env={**os.environ, "PYTHONPATH": str(ROOT), **(env or {})}, timeout=300)


# ------------------------------------------------------------------ silent wrong verdicts

def test_a_gbk_fact_file_whose_chinese_is_also_utf8_is_not_read_as_mojibake(tmp_path):
    """通知 in GBK (CD A8 D6 AA) is valid UTF-8 (U+0368 U+05AA, two combining marks): a GBK fact file whose only
    Chinese is 通知 (or 系统) was read as UTF-8, the note became "֪ͨ", a rule comparing it with "通知" silently
    gave another verdict, and the report said encoding UTF-8.  Read as GB18030, or refused as ambiguous — never
    a different verdict."""
    rules = compile_rules(edit("for each delivered d", 'for each delivered d where d.note == "通知"'), "f.qy")
    line = json.dumps({"id": "d1", "type": "delivered", "at": "2026-03-04T10:00:00+08:00", "qty": 1, "note": "通知"},
                      ensure_ascii=False) + "\n"
    utf8, gbk = tmp_path / "utf8.jsonl", tmp_path / "gbk.jsonl"
    utf8.write_bytes(line.encode("utf-8"))
    gbk.write_bytes(line.encode("gbk"))
    import qiyue
    want = [(o.name, o.status) for o in qiyue.evaluate(rules, utf8, "2026-04-01").obligations]
    assert want == [("pay", "violated")]
    try:
        got = [(o.name, o.status) for o in qiyue.evaluate(rules, gbk, "2026-04-01").obligations]
    except QiyueError:
        return  # refused as ambiguous: acceptable
    assert got == want


def test_a_default_outside_the_declared_range_is_refused():
    """`qty: int 1..10 default 99` was accepted; a fact without qty then carried qty = 99, outside its range."""
    text = edit('qty: int 1..10 "数量"', 'qty: int 1..10 default 99 "数量"')
    try:
        rules = compile_rules(text, "f.qy")
    except QiyueError:
        return
    events = rules.load_facts(['{"id": "d1", "type": "delivered", "at": "2026-03-03T10:00:00+08:00"}'])
    assert 1 <= events[0].attrs["qty"] <= 10, events[0].attrs


@pytest.mark.parametrize("cond", [
    "p.amount > 5",          # 5 what? `amount + 3` is refused for this very reason (docs §8)
    "p.amount == 1000",
    "p.amount == 5%",        # an amount equal to a percentage: always false, silently
    "d.qty == ¥1.00",        # a count equal to an amount
])
def test_an_amount_compared_with_a_bare_number_or_a_percentage_is_refused(cond):
    ds = refused(edit("p.amount >= price", cond))
    assert ds[0].code == "type_mismatch", [d.code for d in ds]


@pytest.mark.xfail(strict=True, reason="left (closing note): lengths of time in different calendar units are compared as "
                   "written, not converted — a comparison no contract has been found to make")
@pytest.mark.parametrize("cond", ["1 year == 12 months"])
def test_durations_of_different_units_are_not_silently_unequal(cond):
    """`5 days > 3 hours` is refused as a type mismatch, but `1 year == 12 months` was accepted and false: the duty
    below was violated though the payment came on time.  Refuse it, or compare it as the calendar does."""
    text = edit("p.amount >= price", f"p.amount >= price and {cond}")
    try:
        rules = compile_rules(text, "f.qy")
    except QiyueError as exc:
        assert exc.value.diagnostics[0].code == "type_mismatch"
        return
    report = rules.evaluate([D1, P1], "2026-04-01")
    assert [o["status"] for o in report["obligations"]] == ["fulfilled"]


# ------------------------------------------------------------------ hangs

def test_many_duties_and_many_performing_facts_at_one_instant_are_not_quadratic(monkeypatch):
    """n deliveries and n payments at one instant (a day's batch given by bare dates) took O(n²): 2,000 + 2,000
    facts 9.6 s, 4,000 + 4,000 36 s, 20,000 + 20,000 over two minutes — the same facts at distinct instants 0.5 s.
    (performed_already tested every candidate of the instant for each new duty.)  Counted, not timed: the
    fulfilment's pattern is tested a number of times that grows with n, not n²."""
    from engine.run.evaluator import Evaluation

    rules = compile_rules(HEAD, "f.qy")
    calls = [0]
    one = Evaluation.one

    def counted(self, *args, **kwargs):
        calls[0] += 1
        return one(self, *args, **kwargs)
    monkeypatch.setattr(Evaluation, "one", counted)

    def tests_for(n):
        out = [json.dumps({"id": f"d{i}", "type": "delivered", "at": "2026-03-03T10:00:00+08:00", "qty": 1})
               for i in range(n)]
        out += [json.dumps({"id": f"p{i}", "type": "paid", "at": "2026-03-03T10:00:00+08:00", "amount": "1000.00"})
                for i in range(n)]
        calls[0] = 0
        report = rules.evaluate(out, "2026-04-01")
        assert {o["status"] for o in report["obligations"]} == {"fulfilled"}
        return calls[0]
    small, large = tests_for(200), tests_for(800)
    assert large < 6 * small, (small, large)  # (quadratic: 16×)


@pytest.mark.parametrize("where,new", [
    ("p.amount >= price", "p.amount >= " + "甲" * 40_000 + " exists(x)"),  # _CALL_THEN_NAME.search
    ("    within 5 days", "    within " + "甲" * 40_000 + " 5 days"),  # _NAME_BEFORE.search
])
def test_a_syntax_error_after_a_very_long_word_is_diagnosed_at_once(where, new):
    """bench/fuzz.py --seed 4242 (rules:1050, `huge_token`): the regular expressions that look for a misspelt
    aggregate or keyword before the error backtrack quadratically over a long word on the error's line — 10,000
    characters 0.9 s, 20,000 3.5 s, 40,000 13 s, the fuzzer's 500,000 (a 1.5 MB file, well under the 24 MB limit)
    half an hour.  (A bound far from both: linear work takes ~0.1 s, the quadratic 13 s.)"""
    start = time.perf_counter()
    ds = refused(edit(where, new))
    assert ds[0].code == "syntax_error"
    assert time.perf_counter() - start < 5.0


# ------------------------------------------------------------------ wrong places, wrong lines

@pytest.mark.parametrize("sep", ["\u2028", "\u0085", "\x0c", "\x0b", "\u2029", "\x1c"])
def test_a_line_separator_inside_a_label_does_not_shift_the_quoted_line(sep):
    """The parser counts lines by \\n alone, the excerpt used str.splitlines(), which also splits on U+2028, U+0085,
    \\f, \\v …: a label pasted from Word holding U+2028 made every later error quote the line above its own
    (`7 |  obligation o "o" {` under an error in `debtor 丙方`) and put the caret under the wrong text."""
    text = edit('party 甲方 "买方" as buyer', f'party 甲方 "买{sep}方" as buyer', edit("debtor 甲方", "debtor 丙方"))
    ds = refused(text)
    d = next(d for d in ds if d.code == "unknown_name")
    assert d.span.line == 9
    shown = render_text([d], {"f.qy": text}, "zh")
    assert "9 |     debtor 丙方" in shown, shown


def test_an_unexpected_end_names_the_last_line_when_a_label_holds_u2028():
    text = edit('"付款义务"', '"付款\u2028义务"')[:-2]  # the clause's closing brace dropped
    (d,) = refused(text)
    assert d.code == "syntax_error"
    assert d.span.line == text.count("\n"), (d.span.line, text.count("\n"))


@pytest.mark.parametrize("word", ["days", "hours", "months", "day", "per"])
def test_an_attribute_named_like_a_unit_may_follow_a_defaulted_one(word):
    """`reason: text default "协商"` then `days: int 1..90` (the docs' `extended by x for x.days days`) was a syntax
    error — "此处不能写 days", expected “名称” — while the same two lines in the other order were accepted: after a
    default's literal the lexer reads a unit keyword (`5 days`) where only a name can stand."""
    text = edit('note: text optional', f'note: text default "协商"\n  {word}: int 1..90 "天数"')
    compile_rules(text, "f.qy")  # (accepted when the two attributes are swapped)


def test_an_assumption_replaced_with_a_value_the_rules_refuse_names_the_assume():
    """`--assume payment_term="0 days"` was reported as three zero_period errors at the rule file's lines 336, 397,
    447 with the hint to rewrite the clause: nothing said the value came from --assume, and the file is fine."""
    r = cli("eval", SEED, "--facts", LATE, "--as-of", "2025-12-01", "--assume", "payment_term=0 days")
    err = r.stderr.decode()
    assert r.returncode == 1 and "Traceback" not in err
    assert "--assume" in err, err[:600]


def test_verify_gives_a_command_that_finds_the_counterexample_again(tmp_path):
    """The reproduction line dropped --assume (and --max-facts): run as printed, the property held."""
    rules = tmp_path / "p.qy"
    rules.write_text(edit("within 5 days", "within term_days") + textwrap.dedent('''\
        assumption term_days "付款期限" = 5 days "合同未写明期限，取5日"
        property term "期限为5日" {
          for each pay.triggered t
          holds not present(t.due) or t.due == end of 5 days after t.triggered_at
        }
        '''), encoding="utf-8")
    r = cli("verify", str(rules), "--seed", "1", "--examples", "20", "--assume", "term_days=4 days")
    out = r.stdout.decode()
    assert r.returncode == 1 and "复现" in out, out
    again = next(line for line in out.splitlines() if "复现" in line)
    assert "--assume" in again and "term_days=4 days" in again, again


# ------------------------------------------------------------------ nonsense accepted

def test_the_calendar_fallback_given_twice_is_refused_not_the_last_silently():
    ds = refused(edit("calendar official", "calendar official calendar fallback weekdays calendar fallback undetermined"))
    assert ds


def test_a_contract_number_for_an_unknown_party_or_twice_for_one_is_refused():
    refused(edit("calendar official", 'number 丙方 "A-1" calendar official'))
    refused(edit("calendar official", 'number 甲方 "A-1" number 甲方 "A-2" calendar official'))


def test_an_unknown_fallback_is_pointed_at_where_it_is_written():
    """The error spanned the whole header line from column 1, not the word `bogus`."""
    text = edit("calendar official", "calendar official calendar fallback bogus")
    (d,) = refused(text)
    assert d.code == "bad_calendar"
    assert (d.span.line, d.span.column) == (1, text.splitlines()[0].index("bogus") + 1), d.span


@pytest.mark.parametrize("year", ["２０２７", "٢٠٢٧"])
def test_a_calendar_year_in_other_than_ascii_digits_is_refused(tmp_path, year):
    """`[year."２０２７"]` was read as 2027 (int() reads any Unicode digit); the rule language refuses such digits."""
    cal = tmp_path / "2027.toml"
    cal.write_text(f'[year."{year}"]\nsource = "x"\nholidays = []\nworkdays = []\n', encoding="utf-8")
    text = edit("calendar official", f'calendar file "{cal}"')
    with pytest.raises(QiyueError) as exc:
        compile_rules(text, "f.qy").evaluate(
            ['{"id": "d1", "type": "delivered", "at": "2027-03-03T10:00:00+08:00", "qty": 1}'], "2027-04-01")
    assert exc.value.diagnostics[0].code == "bad_calendar_file"


def test_a_party_that_owes_itself_is_refused():
    """`debtor 甲方` with `creditor 甲方` was accepted: a duty owed to oneself."""
    refused(edit("creditor 乙方", "creditor 甲方"))


# ------------------------------------------------------------------ English where Chinese is the default

def test_an_unreadable_calendar_file_is_said_in_chinese(tmp_path):
    cal = tmp_path / "bin.toml"
    cal.write_bytes(b"\x00\xff\xfe\x01" * 10)
    (d,) = refused(edit("calendar official", f'calendar file "{cal}"'))
    zh = d.text("zh")
    assert "is not text" not in zh and "save the file" not in zh, zh


def test_a_calendar_file_that_is_not_toml_is_said_in_chinese(tmp_path):
    cal = tmp_path / "bad.toml"
    cal.write_text("[year.2027\n", encoding="utf-8")
    (d,) = refused(edit("calendar official", f'calendar file "{cal}"'))
    zh = d.text("zh")
    assert "Expected" not in zh and "at the end of" not in zh, zh


def test_the_api_says_what_was_given_in_chinese():
    rules = compile_rules(HEAD, "f.qy")
    with pytest.raises(QiyueError) as exc:
        rules.evaluate([D1, {"id": "p1", "type": "paid", "at": "2026-03-04T10:00:00+08:00", "amount": "1000.00"}],
                       "2026-04-01")
    assert "a line of type" not in exc.value.diagnostics[0].text("zh")
    with pytest.raises(QiyueError) as exc:
        rules.run([D1], "2026-04-01")
    assert "a list holding" not in exc.value.diagnostics[0].text("zh")


# ------------------------------------------------------------------ options

def test_output_to_dash_is_standard_output(tmp_path):
    """`--facts -` is standard input, but `-o -` wrote a file named "-" in the current folder."""
    r = cli("eval", SEED, "--facts", LATE, "--as-of", "2025-12-01", "--format", "json", "-o", "-", cwd=tmp_path)
    assert r.returncode == 0
    assert not (tmp_path / "-").exists()
    assert json.loads(r.stdout)["obligations"]


def test_an_empty_rule_file_name_is_said_to_be_empty_not_a_folder():
    r = cli("check", "")
    err = r.stderr.decode()
    assert r.returncode in (1, 2) and "文件夹" not in err, err


# ------------------------------------------------------------------ hints that point elsewhere

def test_a_decimal_bound_of_an_int_range_is_not_told_about_hours():
    (d,) = refused(edit("1..10", "1.5..10"))
    assert d.code == "not_whole_number"
    shown = render_text([d], {}, "zh")  # (the hint: 不足一日的以小时计（如 36 小时），不足一月的以日计 — a duration's)
    assert "小时" not in shown, shown


@pytest.mark.parametrize("value", ["-5", "-¥5.00", "5％", "¥  1.00"])
def test_a_mistake_at_the_start_of_a_value_is_not_blamed_on_the_line_above(value):
    """`param x = -5` (or 5％ typed by a Chinese input method; ＝ ＋ － are read as ASCII, ％ is not) was answered
    with "请检查上一行是否漏写了关键字、花括号或引号": the line above is fine."""
    if value == "5％":  # (read as 5%, as ＝ ＋ － are read as their ASCII twins)
        compile_rules(HEAD + f"param x = {value}\n", "f.qy")
        return
    ds = refused(HEAD + f"param x = {value}\n")
    shown = render_text(ds[:1], {}, "zh")
    assert "上一行" not in shown, shown


# ------------------------------------------------------------------ the host

def test_a_closed_host_says_it_is_closed_not_that_a_worker_died():
    from engine.live.shards import Host
    with Host(SEED, processes=1) as host:
        host.feed([("c1", Path(LATE).read_text(encoding="utf-8").splitlines()[0])])
    with pytest.raises(QiyueError) as exc:
        host.report("c1")
    assert exc.value.diagnostics[0].code != "live_worker_died", exc.value.diagnostics[0].text("en")
