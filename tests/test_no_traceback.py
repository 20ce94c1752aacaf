"""Extraordinary input ends in a diagnostic with its place, or in a normal result — never in a
Python traceback (issue 10, class 1; and class 6: a huge number is not echoed in full, 2025-02-30
says that the day does not exist).

Each case is what the fuzzer found: an expression nested about 1,000 deep, a flat sum of a
thousand terms, thousands of parameters each read from the one before, a number past Python's
4,300-digit conversion limit, JSON nested 1,000 deep in a fact, a lone surrogate in rule text or in
a fact's id, a period anchored on its own end, a rule file that declares no event, and `as_of`
values of every wrong kind and range."""
import json
import os
import sys
import textwrap
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from engine.api import as_of_instant, compile_rules, evaluate, read_text
from engine.cli import main
from engine.diagnostics import QiyueError
from engine.lang.parser import MAX_DEPTH

BASE = textwrap.dedent('''\
    contract "T-1" "测试合同" { calendar official }
    party 甲方 "买方" as buyer
    party 乙方 "卖方" as supplier
    param price "价款" = ¥1,000.00
    event delivered "交付" { qty: int 1..10 "数量" note: text optional }
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
N = 1000
HUGE = "9" * 5000  # past Python's 4,300-digit limit for converting text to an int


def edit(old, new, base=BASE):
    assert old in base, old
    return base.replace(old, new, 1)


def chain(n, reverse=False, step=""):
    """n parameters, each read from the one before (declared first to last, or last to first)."""
    lines = ["param q0 = ¥1.00\n"] + [f"param q{i} = q{i - 1}{step}\n" for i in range(1, n)]
    return BASE + "".join(reversed(lines) if reverse else lines)


def duty_chain(n):
    """n duties, the first triggered by a delivery, each other one by the performance of the one before."""
    duty = 'obligation o{i} "o" {{ debtor 甲方 creditor 乙方 for each {by} x fulfilled by paid p within 5 days }}\n'
    return BASE + 'clause "9" "链" {\n' + "".join(duty.format(i=i, by=f"o{i - 1}.fulfilled" if i else "delivered")
                                                 for i in range(n)) + "}\n"


def deemed_chain(n, cycle=False):
    """n deemed events, each deemed from the one before (the first from a delivery, or from the last)."""
    first = f"e{n - 1}" if cycle else "delivered"
    return BASE + 'clause "9" "链" {\n' + "".join(f'deemed e{i} "e" {{ for each {f"e{i - 1}" if i else first} x at x }}\n'
                                                 for i in range(n)) + "}\n"


FACT = '{"id": "d1", "type": "delivered", "at": "2026-03-03T10:00:00+08:00", "qty": 1}'
PAID = '{"id": "p1", "type": "paid", "at": "2026-03-04T10:00:00+08:00", "amount": "1000.00"}'

# (case, rule text, the code its diagnostic has — or "ok" for a file that compiles and evaluates)
RULE_CASES = [
    ("not not … 1,000 deep", BASE + "verify " + "not " * N + 'true "x"\n', "too_deep"),
    ("a.b.c… 1,000 deep", edit("p.amount >= price", "p" + ".amount" * N + " >= price"), "too_deep"),
    ("t[t[…]] 1,000 deep", BASE + "verify " + "price[" * N + "1" + "]" * N + ' == ¥1.00 "x"\n', "too_deep"),
    ("all of (…( 1,000 deep", BASE + "verify " + "all of (" * N + "true" + ")" * N + ' "x"\n', "too_deep"),
    ("any of (…( 1,000 deep", BASE + "verify " + "any of (" * N + "true" + ")" * N + ' "x"\n', "too_deep"),
    ("exists(… where exists(…)) 1,000 deep",
     BASE + "verify " + "exists(paid p where " * N + "true" + ")" * N + ' "x"\n', "too_deep"),
    ("(((…))) 1,000 parentheses: no nesting", BASE + "verify " + "(" * N + "true" + ")" * N + ' "x"\n', "ok"),
    ("a flat sum of 1,000 terms", BASE + "param big = " + " + ".join(["¥1.00"] * N) + "\n", "too_deep"),
    ("a flat sum of 1,000 terms inside a condition",
     edit("p.amount >= price", "p.amount >= " + " + ".join(["price"] * N)), "too_deep"),
    ("a sum of 50 terms", BASE + "param big = " + " + ".join(["¥1.00"] * 50) + "\n", "ok"),
    ("5,000 parameters each read from the one before", chain(5000), "too_deep"),
    ("5,000 parameters, declared last to first", chain(5000, reverse=True), "too_deep"),
    ("5,000 parameters each adding to the one before", chain(5000, step=" + ¥1.00"), "too_deep"),
    ("a chain of 5,000 parameters read by a duty",
     edit("p.amount >= price", "p.amount >= q4999") + "".join(chain(5000)[len(BASE):]), "too_deep"),
    ("a cycle of 3,000 parameters", BASE + "param c0 = c2999\n" + "".join(f"param c{i} = c{i - 1}\n"
                                                                          for i in range(1, 3000)), "param_cycle"),
    ("60 parameters in a chain", chain(60), "ok"),
    ("an integer of 5,000 digits", BASE + f'verify {HUGE} == 1 "x"\n', "number_too_large"),
    ("an amount of 5,000 digits", BASE + f"param m = ¥{HUGE}\n", "number_too_large"),
    ("a percentage of 5,000 digits", BASE + f"param m = {HUGE}% of price\n", "number_too_large"),
    ("a decimal of 5,000 digits", BASE + f'verify {HUGE}.5 == 1 "x"\n', "number_too_large"),
    ("a duration of 5,000 digits", edit("within 5 days", f"within {HUGE} days"), "number_too_large"),
    ("a row number of 5,000 digits", BASE + f'table t "t" (a: int) {{\n {HUGE}: 1\n}}\n', "number_too_large"),
    ("a duration in full-width digits", edit("within 5 days", "within ５ days"), "bad_number"),
    ("a number in Arabic-Indic digits", BASE + 'verify ٣ == 3 "x"\n', "bad_number"),
    ("a percentage in full-width digits", BASE + "param pct = ５% of price\n", "bad_number"),
    ("a date in full-width digits", edit("within 5 days", "within 5 days after ２０２６-01-01"), "bad_number"),
    ("one mistake 3,000 times", edit("for each delivered d", "when all of (" + ", ".join(["price"] * 3000) + ")"),
     "too_many_errors"),
    ("a lone surrogate in a string", BASE + 'param s = "\ud800"\n', "bad_text"),
    ("a lone surrogate in a name", BASE + "param s\udc80 = ¥1.00\n", "bad_text"),
    ("a period anchored on its own end", BASE + 'period term "服务期" = 30 days after term.end\n', "period_cycle"),
    ("a period anchored on itself", BASE + "period term = 30 days after term.start\n", "period_cycle"),
    ("two periods anchored on each other",
     BASE + "period t1 = 30 days after t2.end\nperiod t2 = 30 days after t1.start\n", "period_cycle"),
    ("a period anchored on a parameter that reads it",
     BASE + "period t1 = 30 days after s1\nparam s1 = t1.end\n", "period_cycle"),
    ("a period anchored on the end of one anchored on it",
     edit("within 5 days", "within 5 days after t2.end")
     + "period t1 = 30 days after earliest(t2.end, 2026-01-01)\nperiod t2 = 30 days after t1.end\n", "period_cycle"),
    ("a period after another", edit("within 5 days", "within 5 days after t2.end")
     + "period t1 = 30 days after 2026-01-01\nperiod t2 = 30 days after t1.end\n", "ok"),
    ("3,000 deemed events each deemed from the one before", deemed_chain(3000), "too_deep"),
    ("3,000 duties each triggered by the one before's performance", duty_chain(3000), "too_deep"),
    ("3,000 deemed events in a cycle", deemed_chain(3000, cycle=True), "deemed_cycle"),
    ("50 duties in a chain", duty_chain(50), "ok"),
    ("50 deemed events in a chain", deemed_chain(50), "ok"),
    ("2026-02-30 in a rule file", edit("within 5 days", "within 5 days after 2026-02-30"), "bad_date"),
    ("no event declared", 'contract "T-1" "测试" { calendar official }\nparty 甲方 "买方" as buyer\n'
                          'party 乙方 "卖方" as supplier\n', "ok"),
]


def outcome(text, facts=(FACT, PAID)):
    """The codes of the diagnostics ``text`` gives, or "ok" once it compiled and evaluated."""
    try:
        compile_rules(text, "t.qy").evaluate(list(facts), "2026-04-01")
    except QiyueError as exc:
        return [d.code for d in exc.diagnostics], exc.diagnostics
    return "ok", []


@pytest.mark.parametrize("text,expected", [c[1:] for c in RULE_CASES], ids=[c[0] for c in RULE_CASES])
def test_extraordinary_rule_files_give_a_diagnostic_with_its_place_or_a_result(text, expected):
    codes, diags = outcome(text)
    if expected == "ok":
        assert codes == "ok" or "unknown_event_type" in codes  # (no event declared: the facts name none)
        return
    assert expected in codes, codes
    for d in diags:
        assert d.span is not None and d.span.line > 0, d  # its place
        assert len(d.text("zh")) < 400 and len(d.text("en")) < 400, d.text("en")[:400]  # never echoed in full
        assert HUGE[:100] not in json.dumps(d.as_json("en"))


def test_thousands_of_errors_are_listed_by_the_first_two_hundred_and_a_count():
    from engine.lang.checker import MAX_ERRORS

    codes, diags = outcome(edit("for each delivered d", "when all of (" + ", ".join(["price"] * 3000) + ")"))
    assert len(diags) == MAX_ERRORS + 1 and diags[-1].code == "too_many_errors"
    assert "2800" in diags[-1].text("en") and "2800" in diags[-1].text("zh")


def test_too_deep_names_the_line_the_column_and_the_limit():
    text = BASE + "verify " + "not " * N + 'true "x"\n'
    codes, diags = outcome(text)
    d = diags[0]
    assert d.code == "too_deep" and d.span.line == BASE.count("\n") + 1 and d.span.column > 1
    assert str(MAX_DEPTH) in d.text("en") and str(MAX_DEPTH) in d.text("zh")


def test_a_chain_of_parameters_names_the_first_one_past_the_limit_once():
    codes, diags = outcome(chain(5000))
    deep = [d for d in diags if d.code == "too_deep"]
    assert len(deep) == 1 and deep[0].args["name"] == f"q{MAX_DEPTH}"
    assert deep[0].span.line == BASE.count("\n") + MAX_DEPTH + 1


def test_a_chain_of_rules_names_the_first_one_past_the_limit_once():
    from engine.lang.checker import MAX_RULE_CHAIN

    codes, diags = outcome(duty_chain(3000))
    deep = [d for d in diags if d.code == "too_deep"]
    assert len(deep) == 1 and deep[0].args["name"] == f"o{MAX_RULE_CHAIN}" and deep[0].clause == "9"
    codes, diags = outcome(deemed_chain(3000, cycle=True))
    assert len(diags[0].text("en")) < 300  # a long cycle is named by its ends


def test_a_period_cycle_is_refused_by_the_checker_with_the_cycle_in_words():
    codes, diags = outcome(BASE + 'period term "服务期" = 30 days after term.end\n')
    d = next(d for d in diags if d.code == "period_cycle")
    assert "term → term" in d.text("en") and "term → term" in d.text("zh")


def _deep_rules(params=48, nots=44):
    """A duty whose trigger nests 96 levels: `not` 44 times around an exists whose where-clause reads
    the last of 48 parameters, each read from the one before."""
    chain_ = "param q0 = ¥1,000.00\n" + "".join(f"param q{i} = q{i - 1}\n" for i in range(1, params))
    cond = "not " * nots + f"exists(paid p where p.amount >= q{params - 1})"
    return BASE + chain_ + ('clause "2" "深" {\n  obligation deep "深" {\n    debtor 甲方\n    creditor 乙方\n'
                            f"    when {cond}\n    fulfilled by delivered d\n    within 5 days\n  }}\n}}\n")


def test_what_is_just_within_the_limit_is_checked_compiled_and_evaluated_even_from_a_deep_stack():
    text = _deep_rules()
    compiled = compile_rules(text, "t.qy")

    def deep(n):  # the caller (a web framework, a test runner) already uses some of the stack
        return deep(n - 1) if n else compiled.evaluate([FACT, PAID], "2026-04-01")
    report = deep(200)
    assert {o["name"] for o in report["obligations"]} >= {"pay", "deep"}


# (case, fact lines, the code of the diagnostic, or "ok")
FACT_CASES = [
    ("an integer of 5,000 digits", ['{"id": "d1", "type": "delivered", "at": "2026-03-03", "qty": ' + HUGE + "}"],
     "bad_json"),
    ("an amount of 5,000 digits", ['{"id": "p1", "type": "paid", "at": "2026-03-03", "amount": ' + HUGE + "}"],
     "bad_json"),
    ("an id of 5,000 digits", ['{"id": ' + HUGE + ', "type": "delivered", "at": "2026-03-03", "qty": 1}'],
     "bad_json"),
    ("an amount of 5,000 digits in a string",
     ['{"id": "p1", "type": "paid", "at": "2026-03-03", "amount": "' + HUGE + '"}'], "bad_attribute"),
    ("an amount of 5,000 digits and a decimal",
     ['{"id": "p1", "type": "paid", "at": "2026-03-03", "amount": ' + HUGE + '.5}'], "bad_attribute"),
    ("a quantity of 40 digits", ['{"id": "d1", "type": "delivered", "at": "2026-03-03", "qty": ' + "9" * 40 + "}"],
     "bad_attribute"),
    ("JSON arrays 1,000 deep", ['{"id": "d1", "type": "delivered", "at": "2026-03-03", "qty": 1, "note": '
                                + "[" * N + "]" * N + "}"], "bad_json"),
    ("JSON objects 1,000 deep", ['{"id": "d1", "type": "delivered", "at": "2026-03-03", "qty": 1, "note": '
                                 + '{"a": ' * N + "1" + "}" * N + "}"], "bad_json"),
    ("JSON arrays 100,000 deep", ["[" * 100_000 + "]" * 100_000], "bad_json"),
    ("JSON arrays 150 deep", ['{"id": "d1", "type": "delivered", "at": "2026-03-03", "qty": 1, "note": '
                              + "[" * 150 + "]" * 150 + "}"], "bad_attribute"),
    ("a lone surrogate in a note", ['{"id": "d1", "type": "delivered", "at": "2026-03-03", "qty": 1, '
                                    '"note": "\\udc80"}'], "bad_fact"),  # (not text: refused with its line and key)
    ("2025-02-30", ['{"id": "d1", "type": "delivered", "at": "2025-02-30", "qty": 1}'], "bad_time"),
    ("2025-02-30T10:00", ['{"id": "d1", "type": "delivered", "at": "2025-02-30T10:00", "qty": 1}'], "bad_time"),
    ("a lone surrogate in an id", ['{"id": "d\\ud800", "type": "delivered", "at": "2026-03-03", "qty": 1}'],
     "bad_fact"),
]


@pytest.mark.parametrize("lines,expected", [c[1:] for c in FACT_CASES], ids=[c[0] for c in FACT_CASES])
def test_extraordinary_facts_give_a_diagnostic_with_their_line_or_a_result(lines, expected):
    compiled = compile_rules(BASE, "t.qy")
    try:
        compiled.evaluate(lines, "2026-04-01", "f.jsonl")
    except QiyueError as exc:
        codes = [d.code for d in exc.diagnostics]
        assert expected in codes, codes
        for d in exc.diagnostics:
            assert d.span.file == "f.jsonl" and d.span.line == 1
            assert len(d.text("zh")) < 400 and len(d.text("en")) < 400, d.text("en")[:400]
        return
    assert expected == "ok"


@pytest.mark.parametrize("lines", [[], [FACT], ["garbage"], ["[" * N + "]" * N]], ids=["none", "a fact", "garbage",
                                                                                       "deep JSON"])
def test_a_rule_file_without_events_evaluates_any_facts(lines):
    rules = compile_rules('contract "T-1" "测试" { calendar official }\n', "t.qy")
    try:
        report = rules.evaluate(lines, "2026-04-01")
    except QiyueError as exc:
        assert lines and {d.code for d in exc.diagnostics} <= {"unknown_event_type", "bad_json"}
    else:
        assert not lines and report["obligations"] == []


UTC, EAST, WEST = timezone.utc, timezone(timedelta(hours=14)), timezone(timedelta(hours=-14))

# (case, as_of as given through the API, "ok" or the diagnostic's code)
AS_OF_CASES = [
    ("None", None, "bad_as_of"),
    ("0", 0, "bad_as_of"),
    ("True", True, "bad_as_of"),
    ("1.5", 1.5, "bad_as_of"),
    ("a date", date(2026, 4, 1), "ok"),
    ("a naive datetime", datetime(2026, 4, 1, 9), "ok"),
    ("an aware datetime", datetime(2026, 4, 1, 9, tzinfo=UTC), "ok"),
    ("a naive datetime in year 1", datetime(1, 1, 1), "bad_as_of"),
    ("a naive datetime in year 9999", datetime(9999, 12, 31, 23), "bad_as_of"),
    ("a date in year 1", date(1, 1, 1), "bad_as_of"),
    ("a date in year 9999", date(9999, 12, 31), "bad_as_of"),
    ("year 1, UTC", datetime(1, 1, 1, tzinfo=UTC), "bad_as_of"),
    ("year 1, +14:00 (before the first instant)", datetime(1, 1, 1, tzinfo=EAST), "bad_as_of"),
    ("year 9999, UTC (after the last instant in +08:00)", datetime(9999, 12, 31, 23, tzinfo=UTC), "bad_as_of"),
    ("year 9999, -14:00", datetime(9999, 12, 31, 23, tzinfo=WEST), "bad_as_of"),
    ("year 9000, last instant", datetime(9000, 12, 31, 23, 59, 59, tzinfo=timezone(timedelta(hours=8))), "ok"),
    ("text 0001-01-01", "0001-01-01", "bad_as_of"),
    ("text 9999-12-31T23:00:00-14:00", "9999-12-31T23:00:00-14:00", "bad_as_of"),
    ("text with a lone surrogate", "2026-04-01\ud800", "bad_as_of"),
    ("text 2025-02-30", "2025-02-30", "bad_as_of"),
]


@pytest.mark.parametrize("value,expected", [c[1:] for c in AS_OF_CASES], ids=[c[0] for c in AS_OF_CASES])
def test_as_of_through_the_api_is_a_moment_or_a_diagnostic(value, expected):
    compiled = compile_rules(BASE, "t.qy")
    try:
        at = as_of_instant(value)
        compiled.evaluate([FACT], value)
        evaluate(compiled, [FACT], value)
    except QiyueError as exc:
        assert [d.code for d in exc.diagnostics] == [expected]
        d = exc.diagnostics[0]
        assert d.text("zh") and d.text("en")
        return
    assert expected == "ok" and 1900 <= at.year <= 9000


# (case, a call of the API with what a caller might pass, the code of its diagnostic or "ok")
API_CASES = [
    ("rule text as a Path", lambda: compile_rules(Path("rules.qy"), "t.qy"), "bad_input"),
    ("rule text as bytes", lambda: compile_rules(BASE.encode(), "t.qy"), "bad_input"),
    ("fact lines as dicts", lambda: compile_rules(BASE, "t.qy").evaluate([{"id": "d1"}], "2026-04-01"), "bad_input"),
    ("fact lines as None", lambda: compile_rules(BASE, "t.qy").evaluate(None, "2026-04-01"), "bad_input"),
    ("fact lines as one text", lambda: compile_rules(BASE, "t.qy").evaluate(FACT + "\n" + PAID + "\n", "2026-04-01"),
     "ok"),
    ("as_of of 100,000 characters", lambda: as_of_instant("x" * 100_000), "bad_as_of"),
    ("a token of 300,000 characters", lambda: compile_rules(BASE + "x" * 300_000 + " y\n", "t.qy"), "syntax_error"),
    ("a token of a million characters", lambda: compile_rules(BASE + "x" * 1_000_000 + " y\n", "t.qy"), "syntax_error"),
    ("a text over six million characters", lambda: compile_rules(BASE + "x" * 6_000_000 + " y\n", "t.qy"), "too_large"),
    ("a file name with a NUL", lambda: read_text("a\0b.qy", "rule file"), "unreadable_file"),
    ("path as None", lambda: compile_rules(BASE, None), "bad_input"),
    ("assume as a text", lambda: compile_rules(BASE, "t.qy", assume="payment_term=45 days"), "bad_input"),
    ("assume with a number", lambda: compile_rules(BASE, "t.qy", assume={1: "45 days"}), "bad_input"),
    ("assume with a number as value", lambda: compile_rules(BASE, "t.qy", assume={"price": 45}), "bad_input"),
    ("a file name with a lone surrogate", lambda: read_text("a\ud800b.qy", "rule file"), "unreadable_file"),
]


@pytest.mark.parametrize("call,expected", [c[1:] for c in API_CASES], ids=[c[0] for c in API_CASES])
def test_odd_arguments_to_the_api_are_refused_in_words(call, expected):
    try:
        call()
    except QiyueError as exc:
        assert [d.code for d in exc.diagnostics][:1] == [expected]
        for d in exc.diagnostics:
            assert len(d.text("zh")) < 400 and len(d.text("en")) < 400, d.text("en")[:400]
        return
    assert expected == "ok"


def test_2025_02_30_says_the_day_does_not_exist():
    with pytest.raises(QiyueError) as exc:
        as_of_instant("2025-02-30")
    assert "2025-02 has 28 days, no day 30" in exc.value.diagnostics[0].text("en")
    assert "2025 年 2 月只有 28 日，没有 30 日" in exc.value.diagnostics[0].text("zh")
    codes, diags = outcome(edit("within 5 days", "within 5 days after 2025-02-30"))
    assert "2025-02 has 28 days, no day 30" in diags[0].text("en") and "2 月只有 28 日" in diags[0].text("zh")
    codes, diags = outcome(edit("within 5 days", "within 5 days after 2025-13-01"))
    assert "no month 13" in diags[0].text("en")
    compiled = compile_rules(BASE, "t.qy")
    for at in ("2025-02-30", "2025-02-30T10:00:00+08:00"):
        with pytest.raises(QiyueError) as exc:
            compiled.load_facts(['{"id": "d1", "type": "delivered", "at": "%s", "qty": 1}' % at], "f.jsonl")
        d = exc.value.diagnostics[0]
        assert d.code == "bad_time" and "2025-02 has 28 days, no day 30" in d.text("en")
        assert "2025 年 2 月只有 28 日，没有 30 日" in d.text("zh")


def test_the_cli_prints_a_lone_surrogate_from_the_facts_as_its_escape(tmp_path, capsys):
    rules = tmp_path / "t.qy"
    rules.write_text(BASE, encoding="utf-8")
    facts = tmp_path / "f.jsonl"
    facts.write_text('{"id": "d1", "type": "delivered", "at": "2026-03-03", "qty": 1, "note": "a\\udc80"}\n'
                     '{"id": "d\\ud800", "type": "delivered", "at": "2026-03-03", "qty": 1}\n'
                     '{"id": "d2", "type": "deliverd\\ud800", "at": "2026-03-03", "qty": 1}\n', encoding="utf-8")
    for fmt in ("text", "json", "html"):
        code = main(["eval", str(rules), "--facts", str(facts), "--as-of", "2026-04-01", "--format", fmt])
        out, err = capsys.readouterr()
        assert code in (0, 1)
        if fmt == "json":
            json.loads(out)  # the escape is a JSON escape: the output is still JSON
    out_file = tmp_path / "out.json"
    facts.write_text('{"id": "d1", "type": "delivered", "at": "2026-03-03", "qty": 1, "note": "a\\udc80"}\n',
                     encoding="utf-8")
    assert main(["eval", str(rules), "--facts", str(facts), "--as-of", "2026-04-01", "--format", "json",
                 "-o", str(out_file)]) == 1  # refused, with its line and key
    out, _ = capsys.readouterr()
    (error,) = json.loads(out)["errors"]
    assert (error["code"], error["line"]) == ("bad_fact", 1) and "note" in error["message"]


def test_the_cli_refuses_a_rule_file_nested_too_deep_with_its_place(tmp_path, capsys):
    rules = tmp_path / "t.qy"
    rules.write_text(BASE + "verify " + "not " * N + 'true "x"\n', encoding="utf-8")
    assert main(["check", str(rules), "--lang", "en"]) == 1
    out, err = capsys.readouterr()
    assert f"t.qy:{BASE.count(chr(10)) + 1}:" in err and "too_deep" in err and "Traceback" not in err


def test_the_conversion_limit_is_not_changed():
    """Huge numbers are refused before they are converted: Python's own limit stays as it is."""
    assert sys.get_int_max_str_digits() == int(os.environ.get("PYTHONINTMAXSTRDIGITS", "4300"))
