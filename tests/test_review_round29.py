"""Review round 29: this session's engine changes (4fc6a69..1f5ce70) — a pause begun at an hour and ended by a fact
known by its day alone (``Evaluation.resume``, ``await_resume``, ``_ended_that_day``, ``_running_causes``); a cause
ended by its day alone keeping the pause through that day; `suspended by … until … counted by day` (按日计算, docs
§4.7a); `once` matches at one instant kept in the order of what the facts say; `eval --as-of A,B,C --format json`
stopped by a later instant; `--fail-on` in the Chinese report's words; parser/checker messages (unclosed quote, ASCII
quotes in a text, full-width comma in a condition, ties of did-you-mean, Chinese-numeral lengths); fact-line JSON
errors (full-width punctuation, a missing closing brace).

Plain tests guard what holds; each defect is a strict xfail asserting the right behaviour, with the smallest input.
Every date counted by hand on the official calendar (chinese_calendar.is_workday), 2026: Mon 06-01 .. Fri 06-05,
Mon 06-08 .. Fri 06-12, Mon 06-15 working; Sat 06-06, Sun 06-07, Sat 06-13, Sun 06-14 rest days.  A 10-day period from
Mon 06-01 10:00 counts 06-02 .. Thu 06-11 (第201条) → due 06-12T00:00.  Each report is compared with the durable
backend's where durable_rules is installed.

Defects found:
1. A period of hours paused at an hour and ended by a fact of that day alone: the end is taken at 00:00, before the
   pause — the pause is "-10 hours" and the deadline moves 10 hours EARLIER.
2. The same with `counted by day` (a period of days): the verdict is right (0 days), but the reason says the pause
   lasted "-10小时".
3. Two causes of a pause, one `counted by day`, one not: the mode of the cause that ends LAST counts the whole pause —
   a by-day cause ending an hour after a 25-hour strike shortens the delay from 2 days to 1: a second cause shortens
   the pause.
4. One end, two pauses: an end of a day alone that already ended an earlier pause (one end ends one pause) ends again
   the pause begun that day of a duty that arose in between (the duty that arose before stays suspended).
5. `期限 十个小时` is told to write `10 个小时`, itself a syntax error (the language writes `10 小时`).
6. A fact line cut off after a comma (`…, "at": "…",`) is told "键名须用英文双引号括起", not that the object is not closed.
7. A fact line that ends inside a list (`"x": [1, 2`) is told its closing } is missing; the ] is missing first, and
   adding } leaves the line broken.
"""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from engine.api import compile_rules
from engine.diagnostics import QiyueError

ROOT = Path(__file__).resolve().parent.parent


def f(fid, ftype, at, **attrs):
    return json.dumps({"id": fid, "type": ftype, "at": at, **attrs}, ensure_ascii=False)


def evaluate(rules, facts, as_of="2026-07-30"):
    got = rules.evaluate(facts, as_of)
    from engine.live import available
    if available():
        assert rules.evaluate(facts, as_of, backend="durable") == got
    return got


def pay(rules, facts):
    (o,) = evaluate(rules, facts)["obligations"]
    return o["status"], o["due"]


def resumed(rules, facts):
    (o,) = evaluate(rules, facts)["obligations"]
    return [b for b in o["because"] if b.startswith("恢复")]


HEAD = '''contract "R-29" "复核" {
  calendar official
}
party 甲方 "买方" as buyer
party 乙方 "卖方" as supplier
event ordered "订货" { }
event paid "付款" { }
event hit "不可抗力" { }
event over "消除" { ref: ref (hit) "所涉" }
event strike "罢工" { }
event back "复工" { ref: ref (strike) "所涉" }
clause "3" "付款" {
  obligation pay "付款" {
    debtor 甲方
    creditor 乙方
    for each ordered o
    fulfilled by paid p
    within @WITHIN@
    suspended by hit h until over v@KEY@ @BY@
@MORE@  }
}
'''
STRIKE = "    suspended by strike s until back b where b.ref == s.id\n"


def rules(within="10 days", by="", more="", key=" where v.ref == h.id"):
    text = HEAD.replace("@WITHIN@", within).replace("@BY@", by).replace("@MORE@", more).replace("@KEY@", key)
    return compile_rules(text, "r29.qy")


ORDERED = f("o", "ordered", "2026-06-01T10:00:00+08:00")

# ------------------------------------------------------------------------------ a pause ended by a day alone


def test_a_cause_ended_by_its_day_alone_keeps_the_pause_through_that_day():
    """h1 06-02 10:00, h2 06-02 12:00; v1 ends h1 on 06-03 (day alone), v2 ends h2 06-03 08:00: the pause runs from
    06-02 10:00 through 06-03 — 38 hours, 2 days begun: 06-11 + 2 = Sat 06-13 → Mon 06-15 → due 06-16T00:00 — in
    either listing."""
    facts = [ORDERED, f("h1", "hit", "2026-06-02T10:00:00+08:00"), f("h2", "hit", "2026-06-02T12:00:00+08:00"),
             f("v1", "over", "2026-06-03", ref="h1"), f("v2", "over", "2026-06-03T08:00:00+08:00", ref="h2")]
    assert pay(rules(), facts) == ("violated", "2026-06-16T00:00:00+08:00")
    assert pay(rules(), facts[::-1]) == ("violated", "2026-06-16T00:00:00+08:00")


@pytest.mark.parametrize("order", [(0, 1, 2), (1, 0, 2), (2, 1, 0)])
def test_a_duty_and_a_pause_at_one_instant_in_any_order(order):
    """Ordered and paused at 06-03 10:00, the pause ended some hour of 06-03 (day alone): the period 06-04 .. Sat
    06-13 is untouched → Mon 06-15 → due 06-16T00:00, whatever the listing."""
    facts = [f("o", "ordered", "2026-06-03T10:00:00+08:00"), f("h", "hit", "2026-06-03T10:00:00+08:00"),
             f("v", "over", "2026-06-03", ref="h")]
    assert pay(rules(), [facts[n] for n in order]) == ("violated", "2026-06-16T00:00:00+08:00")


# FIXED (was a strict xfail: fixed)
def test_an_hour_period_paused_and_ended_that_day_alone_never_moves_earlier():
    """48 hours from Mon 06-01 10:00 → due Wed 06-03 10:00.  Paused Tue 06-02 10:00, ended some hour of 06-02 (its
    record has the date alone): the pause lasted between 0 and 14 hours, so the deadline is 06-03 10:00 at the
    earliest.  The engine: `中止 -10小时` and due 06-03T00:00 — ten hours before the deadline as agreed."""
    facts = [ORDERED, f("h", "hit", "2026-06-02T10:00:00+08:00"), f("v", "over", "2026-06-02", ref="h")]
    status, due = pay(rules("48 hours"), facts)
    assert due >= "2026-06-03T10:00:00+08:00"
    assert not any("-" in b.split("中止")[1] for b in resumed(rules("48 hours"), facts))


# FIXED (was a strict xfail: fixed)
def test_counted_by_day_ended_that_day_alone_says_no_negative_pause():
    """10 days, `counted by day`; paused 06-02 10:00, ended 06-02 (day alone): same day, 0 days — due stays
    06-12T00:00 (right).  The reason reads `中止 -10小时，按日计算…，期限不顺延`: a negative pause."""
    r = rules(by="counted by day")
    facts = [ORDERED, f("h", "hit", "2026-06-02T10:00:00+08:00"), f("v", "over", "2026-06-02", ref="h")]
    assert pay(r, facts) == ("violated", "2026-06-12T00:00:00+08:00")
    (step,) = resumed(r, facts)
    assert "-" not in step.split("中止")[1].split("，")[0]


def test_one_end_ends_one_pause_of_a_duty_that_ran_before():
    """Guard for defect 4: `until over v` (any end); h0 06-02 10:00, v 06-03 (day alone) ends it — 38 h, 2 days: 06-11
    + 2 = Sat 06-13 → Mon 06-15; h 06-03 10:00 has no end of its own: suspended, due 06-16T00:00."""
    facts = [f("h0", "hit", "2026-06-02T10:00:00+08:00"), f("v", "over", "2026-06-03", ref="h0"), ORDERED,
             f("h", "hit", "2026-06-03T10:00:00+08:00")]
    assert pay(rules(key=""), facts) == ("suspended", "2026-06-16T00:00:00+08:00")


# FIXED (was a strict xfail: fixed)
def test_one_end_ends_one_pause_of_a_duty_that_arose_that_morning():
    """As the guard above, the duty ordered 06-03 08:00 instead: when it arises the pause of h0 is over (v ended it);
    h at 10:00 pauses it and nothing ends h — suspended (06-04 .. Sat 06-13 → Mon 06-15 → due 06-16T00:00).  The
    engine resumes it with v: `恢复：2026年6月3日 消除（所涉 h0）` — v used twice, and a duty ordered earlier with
    the same pauses stays suspended."""
    facts = [f("h0", "hit", "2026-06-02T10:00:00+08:00"), f("v", "over", "2026-06-03", ref="h0"),
             f("o", "ordered", "2026-06-03T08:00:00+08:00"), f("h", "hit", "2026-06-03T10:00:00+08:00")]
    assert pay(rules(key=""), facts) == ("suspended", "2026-06-16T00:00:00+08:00")


# ------------------------------------------------------------------------------ counted by day


@pytest.mark.parametrize("by", ["counted by day", "按日计算"])
def test_counted_by_day_counts_the_start_day_not_the_end_day(by):
    """Paused 06-02 10:00, resumed 06-03 11:00: by day 06-02 alone, 1 day → Fri 06-12 → due 06-13T00:00 (in days of
    24 hours 25 h would be 2 days → Sat 06-13 → Mon 06-15 → 06-16, the guard below)."""
    facts = [ORDERED, f("h", "hit", "2026-06-02T10:00:00+08:00"), f("v", "over", "2026-06-03T11:00:00+08:00", ref="h")]
    assert pay(rules(by=by), facts) == ("violated", "2026-06-13T00:00:00+08:00")
    assert pay(rules(), facts) == ("violated", "2026-06-16T00:00:00+08:00")


def test_counted_by_day_same_day_moves_nothing():
    """Paused 06-02 10:00, resumed 06-02 23:00: 0 days, `期限不顺延` — due 06-12T00:00."""
    r = rules(by="counted by day")
    facts = [ORDERED, f("h", "hit", "2026-06-02T10:00:00+08:00"), f("v", "over", "2026-06-02T23:00:00+08:00", ref="h")]
    assert pay(r, facts) == ("violated", "2026-06-12T00:00:00+08:00")
    (step,) = resumed(r, facts)
    assert "期限不顺延" in step


def test_counted_by_day_on_a_period_of_hours_moves_by_whole_days():
    """48 hours from 06-01 10:00 → 06-03 10:00; paused 06-02 23:00 to 06-03 01:00 counted by day: 06-02, 1 day = 24
    hours → due 06-04T10:00 (docs §4.7a)."""
    facts = [ORDERED, f("h", "hit", "2026-06-02T23:00:00+08:00"), f("v", "over", "2026-06-03T01:00:00+08:00", ref="h")]
    assert pay(rules("48 hours", "counted by day"), facts) == ("violated", "2026-06-04T10:00:00+08:00")


def test_counted_by_day_from_a_start_known_by_its_day():
    """Paused 06-02 (day alone), resumed 06-03 11:00: 06-02, 1 day → due 06-13T00:00."""
    facts = [ORDERED, f("h", "hit", "2026-06-02"), f("v", "over", "2026-06-03T11:00:00+08:00", ref="h")]
    assert pay(rules(by="counted by day"), facts) == ("violated", "2026-06-13T00:00:00+08:00")


def test_a_strike_alone_moves_the_deadline_two_days():
    """Guard for defect 3: strike 06-02 10:00 to 06-03 11:00, 25 hours, 2 days begun: 06-11 + 2 = Sat 06-13 → Mon
    06-15 → due 06-16T00:00."""
    facts = [ORDERED, f("s", "strike", "2026-06-02T10:00:00+08:00"), f("b", "back", "2026-06-03T11:00:00+08:00", ref="s")]
    assert pay(rules(by="counted by day", more=STRIKE), facts) == ("violated", "2026-06-16T00:00:00+08:00")


# FIXED (was a strict xfail: fixed)
def test_a_second_cause_counted_by_day_does_not_shorten_the_pause():
    """As the guard above, and a force majeure `counted by day` from 06-02 10:00 to 06-03 12:00 besides (alone: 06-02,
    1 day).  The strike's 25 hours are still a pause of 2 days begun → due 06-16T00:00 at the least.  The engine
    counts the whole pause by day because the by-day cause ended last: 1 day → Fri 06-12 → due 06-13T00:00."""
    facts = [ORDERED, f("h", "hit", "2026-06-02T10:00:00+08:00"), f("s", "strike", "2026-06-02T10:00:00+08:00"),
             f("b", "back", "2026-06-03T11:00:00+08:00", ref="s"), f("v", "over", "2026-06-03T12:00:00+08:00", ref="h")]
    assert pay(rules(by="counted by day", more=STRIKE), facts) == ("violated", "2026-06-16T00:00:00+08:00")


def test_two_causes_ending_at_one_instant_in_either_order():
    """Strike and force majeure (by day) both 06-02 10:00 → 06-04 12:00: one result in either listing (2 days either
    way: 06-11 + 2 = Sat 06-13 → Mon 06-15 → 06-16T00:00)."""
    base = [ORDERED, f("h", "hit", "2026-06-02T10:00:00+08:00"), f("s", "strike", "2026-06-02T10:00:00+08:00")]
    ends = [f("v", "over", "2026-06-04T12:00:00+08:00", ref="h"), f("b", "back", "2026-06-04T12:00:00+08:00", ref="s")]
    r = rules(by="counted by day", more=STRIKE)
    assert pay(r, base + ends) == pay(r, base + ends[::-1]) == ("violated", "2026-06-16T00:00:00+08:00")


# ------------------------------------------------------------------------------ once at one instant

ONCE = compile_rules('''contract "O" "一次" {
  calendar official
}
party 甲方 "买方" as buyer
party 乙方 "卖方" as supplier
event started "中断" { sub: text "子项目"  cause: one of (buyer "甲方原因", supplier "乙方原因") "原因" }
event resolved "解决" { sub: text "子项目" }
clause "8" "中断" {
  obligation fix "解决" {
    debtor 乙方
    creditor 甲方
    for each started s
    once per s.sub
    fulfilled by resolved r where r.sub == s.sub
    within 5 days
    excused if s.cause == "buyer" "甲方原因"
  }
}
''', "once.qy")


@pytest.mark.parametrize("ids", [("a", "b"), ("b", "a")])
def test_once_the_same_record_twice_and_a_third_disagreeing_give_one_verdict(ids):
    """Three records of one outage at 06-01 10:00 (two alike): one row, the same whatever ids and listing."""
    facts = [f(ids[0], "started", "2026-06-01T10:00:00+08:00", sub="A", cause="supplier"),
             f(ids[1], "started", "2026-06-01T10:00:00+08:00", sub="A", cause="supplier"),
             f("c", "started", "2026-06-01T10:00:00+08:00", sub="A", cause="buyer")]
    got = [[o["status"] for o in evaluate(ONCE, fs)["obligations"]] for fs in (facts, facts[::-1])]
    assert got[0] == got[1] and len(got[0]) == 1


# ------------------------------------------------------------------------------ CLI

def cli(tmp_path, facts, *args):
    path = tmp_path / "f.jsonl"
    path.write_text("\n".join(facts) + "\n", encoding="utf-8")
    qy = tmp_path / "r.qy"
    qy.write_text(HEAD.replace("@WITHIN@", "10 days").replace("@BY@", "").replace("@MORE@", "").replace(
        "@KEY@", ""), encoding="utf-8")
    return subprocess.run([sys.executable, "-m", "engine.cli", "eval", str(qy), "--facts", str(path), *args],
                          capture_output=True, text=True, cwd=ROOT)


@pytest.mark.parametrize("pretty", [[], ["--pretty"]])
def test_a_later_instant_in_an_unknown_year_leaves_one_json_object(tmp_path, pretty):
    """Ordered 2026-12-30 10:00: 10 days end 2027-01-09, a year no calendar knows.  At 2026-06-01 a report; the later
    instants stop the replay: one JSON object, the first report and "errors", exit 1."""
    r = cli(tmp_path, [f("o", "ordered", "2026-12-30T10:00:00+08:00")], "--as-of",
            "2026-06-01,2026-12-31,2027-01-20", "--format", "json", *pretty)
    got = json.loads(r.stdout)
    assert r.returncode == 1 and list(got) == ["2026-06-01T00:00:00+08:00", "errors"]
    assert got["errors"][0]["code"] == "calendar_year_unknown"


@pytest.mark.parametrize("word, code", [("已违约", 3), ("违约", 3), ("violated", 3), ("已履行，待定", 0)])
def test_fail_on_takes_the_chinese_words(tmp_path, word, code):
    """Ordered 06-01 10:00, due 06-12T00:00, unpaid at 07-01: violated."""
    r = cli(tmp_path, [ORDERED], "--as-of", "2026-07-01", "--fail-on", word)
    assert r.returncode == code


def test_fail_on_a_word_not_a_status_lists_each_with_its_word(tmp_path):
    r = cli(tmp_path, [ORDERED], "--as-of", "2026-07-01", "--fail-on", "未触发")
    assert r.returncode == 2 and "已违约（violated）" in r.stderr


# ------------------------------------------------------------------------------ messages

BASE = HEAD.replace("@WITHIN@", "10 days").replace("@BY@", "").replace("@MORE@", "").replace("@KEY@", "")


def diagnostics(text):
    try:
        compile_rules(text, "m.qy")
    except QiyueError as exc:
        return [d.as_json("zh") for d in exc.diagnostics]
    return []


@pytest.mark.parametrize("written, meant", [("十个工作日", "10 个工作日"), ("两小时", "2 小时"), ("三个月", "3 个月")])
def test_a_chinese_numeral_length_is_told_in_arabic_numerals_that_parse(written, meant):
    (d,) = diagnostics(BASE.replace("within 10 days", f"期限 {written}"))
    assert d["did_you_mean"] == meant
    assert diagnostics(BASE.replace("within 10 days", f"期限 {meant}")) == []


# FIXED (was a strict xfail: fixed)
def test_ten_hours_in_numerals_is_told_a_length_that_parses():
    (d,) = diagnostics(BASE.replace("within 10 days", "期限 十个小时"))
    assert diagnostics(BASE.replace("within 10 days", f"期限 {d['did_you_mean']}")) == []


def test_a_homophone_of_two_keywords_names_both():
    (d,) = diagnostics(BASE.replace("    debtor 甲方", "    债物人 甲方"))
    assert "债务人" in d["did_you_mean"] and "债权人" in d["did_you_mean"]


def test_an_unclosed_quote_and_a_full_width_comma_in_a_condition():
    (d,) = diagnostics(BASE.replace('debtor 甲方', 'debtor 甲方 "付款方'))
    assert d["message"] == "引号没有闭合"
    (d,) = diagnostics(BASE.replace("fulfilled by paid p", 'fulfilled by paid p where p.id != o.id，且 p.id != "x"'))
    assert "“，”" in d["message"] and "且" in d["hint"]


def fact_error(line):
    try:
        rules().evaluate([line], "2026-07-01")
    except QiyueError as exc:
        return exc.diagnostics[0].as_json("zh")["message"]
    return None


AT = '"at": "2026-06-01T10:00:00+08:00"'


@pytest.mark.parametrize("line, said", [
    ('{"id": "o", "type": "ordered"， ' + AT + '}', "全角标点 ，"),
    ('{"id"： "o", "type": "ordered", ' + AT + '}', "全角标点 ："),
    ('｛"id": "o", "type": "ordered", ' + AT + '}', "全角标点 ｛"),
    ('{"id": "o", "type": "ordered", ' + AT, "缺少结尾的 }"),
])
def test_fact_lines_typed_with_a_chinese_input_method(line, said):
    assert said in fact_error(line)


# FIXED (was a strict xfail: fixed)
def test_a_fact_line_cut_off_after_a_comma_says_the_object_is_not_closed():
    msg = fact_error('{"id": "o", "type": "ordered", ' + AT + ',')
    assert "键名" not in msg and "}" in msg


# FIXED (was a strict xfail: fixed)
def test_a_fact_line_ending_inside_a_list_names_the_bracket():
    msg = fact_error('{"id": "o", "type": "ordered", ' + AT + ', "x": [1, 2')
    assert "]" in msg
