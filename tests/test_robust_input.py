"""Issue 10, classes 3 and 4: no silent reading of money and facts, no refusal of valid input.

Money has one written form — ASCII digits, commas only between groups of three, at most two
decimals (a fen), never negative in a fact (the rule language cannot declare an amount that may
be negative) — in facts and in rule files alike; anything else is refused with the fact's line
and key (or the rule file's line and column).  A fact object with a key twice, a `ref` to the fact
itself, a table row that does not exist and an obligation only its own state can fulfil are
errors, not silent choices.  A fact file is split on "\\n" only (U+2028 and U+0085 are
characters of a JSON string); a rule file's CR-only and CRLF line ends are line ends.

Every expectation below is counted by hand; the comment beside it says how.
"""
import json
import os
import re
import string
import subprocess
import sys
import textwrap
from decimal import Decimal
from pathlib import Path

import pytest

from engine.api import compile_file, compile_rules, fact_lines
from engine.diagnostics import QiyueError
from engine.facts import split_lines
from engine.textfile import decode

ROOT = Path(__file__).resolve().parent.parent

RULES = textwrap.dedent('''\
    contract "T-10" "测试合同" { calendar official }
    party 甲方 "买方" as buyer
    party 乙方 "卖方" as supplier
    param price "价款" = ¥3,490,000.00
    event delivered "交付" { qty: int 1..10 "数量" note: text optional }
    event paid "付款" { amount: money }
    event certified "证明" { of: ref "所证明的事实" }
    table fees "费用" (item: text, cost: money) {
      1: "a", ¥1.00
      2: "b", ¥2.00
      total ¥3.00
    }
    clause "1" "付款" {
      obligation pay "付款义务" {
        debtor 甲方
        creditor 乙方
        for each delivered d
        fulfilled when sum(p.amount for each paid p) >= price
        within 5 days
      }
    }
    ''')

DELIVERED = '{"id": "d1", "type": "delivered", "at": "2026-03-02T10:00:00+08:00", "qty": 1}'


@pytest.fixture(scope="module")
def compiled():
    return compile_rules(RULES, "t.qy")


def paid(amount, fid="p1") -> str:
    """A payment line with ``amount`` written exactly as given (JSON text, not a Python value)."""
    return '{"id": "%s", "type": "paid", "at": "2026-03-03T10:00:00+08:00", "amount": %s}' % (fid, amount)


def refused(compiled, lines):
    with pytest.raises(QiyueError) as exc:
        compiled.load_facts(lines, "f.jsonl")
    return exc.value.diagnostics


def amount_of(compiled, written):
    events = compiled.load_facts([DELIVERED, paid(written)], "f.jsonl")
    return next(e for e in events if e.type == "paid").attrs["amount"]


def check_errors(text):
    try:
        compile_rules(text, "t.qy")
    except QiyueError as exc:
        return exc.diagnostics
    return []


# ---------------------------------------------------------------- money in facts: refused

NOT_AMOUNTS = [
    ('"3490000,00"', "a comma before two digits is a decimal comma elsewhere: ¥349,000,000.00 was read"),
    ('"3,4,9,0,0,0,0"', "commas between single digits"),
    ('"349,0000"', "a group of four after a comma"),
    ('"1,000,00"', "a group of two after a comma"),
    ('"3_490_000"', "underscores are Python's, not money's"),
    ('"３４９"', "full-width digits"),
    ('"٣٤٩"', "Arabic-Indic digits"),
    ('"3490000.001"', "a tenth of a fen"),
    ('"3489999.999999999999999999999999"', "30 decimals, which sum() rounded at 28 digits into a full payment"),
    ('"-1.00"', "negative"),
    ('"-3490000.00"', "negative"),
    ('"1e6"', "an exponent"),
    ('" 100.00"', "a space"),
    ('"100.00 "', "a space"),
    ('"0349.00"', "a leading zero"),
    ('"1."', "a point without decimals"),
    ('".5"', "decimals without a whole part"),
    ('""', "empty"),
    ('"¥"', "a sign alone"),
    ('"NaN"', "not a number"),
    ('"Infinity"', "not finite"),
    ('"1,000,000,000,000,000.00"', "a thousand trillion yuan: out of range"),
    ("3490000.001", "a JSON number with three decimals"),
    ("0.000000000000000000000000000001", "a JSON number with 30 decimals"),
    ("-1", "a negative JSON integer"),
    ("-1.50", "a negative JSON number"),
    ("1e6", "a JSON number with an exponent"),
    ("1000000000000000", "a JSON integer of a thousand trillion"),
]


@pytest.mark.parametrize("written,why", NOT_AMOUNTS, ids=[w for w, _ in NOT_AMOUNTS])
def test_an_amount_not_in_the_one_written_form_is_refused_with_its_line_and_key(compiled, written, why):
    (d,) = refused(compiled, [DELIVERED, paid(written)])
    assert (d.code, d.span.file, d.span.line, d.args["name"]) == ("bad_attribute", "f.jsonl", 2, "amount"), why
    assert "line 2" in d.text("en") and "'amount'" in d.text("en")  # the line and the key, in words
    assert "amount" in d.text("zh")


def test_the_decimal_comma_no_longer_counts_as_full_payment(compiled):
    # "3490000,00" was read as ¥349,000,000.00 >= price: the duty was fulfilled; now the line is refused
    with pytest.raises(QiyueError) as exc:
        compiled.evaluate([DELIVERED, paid('"3490000,00"')], "2026-04-01", "f.jsonl")
    assert [(d.code, d.span.line) for d in exc.value.diagnostics] == [("bad_attribute", 2)]


def test_full_width_digits_are_named_in_the_message(compiled):
    (d,) = refused(compiled, [DELIVERED, paid('"３４９"')])
    assert "３" in d.text("zh") and "0-9" in d.text("en")


def test_a_negative_amount_says_so(compiled):
    (d,) = refused(compiled, [DELIVERED, paid('"-1.00"')])
    assert "negative" in d.text("en") and "负" in d.text("zh")


def test_a_fraction_of_a_fen_says_so(compiled):
    (d,) = refused(compiled, [DELIVERED, paid('"3490000.001"')])
    assert "two decimals" in d.text("en") and "两位" in d.text("zh")


def test_a_huge_amount_is_not_echoed_in_full(compiled):
    for written in ('"' + "9" * 5000 + '"', "9" * 4000, '"' + "1," * 2000 + '000"'):
        (d,) = refused(compiled, [DELIVERED, paid(written)])
        for lang in ("zh", "en"):
            text = d.text(lang)
            assert "9" * 25 not in text and "1,1,1,1,1,1,1,1,1,1,1,1,1" not in text, text
            assert len(text) < 400, len(text)


# ---------------------------------------------------------------- money in facts: accepted

AMOUNTS = [
    ('"3,490,000.00"', Decimal("3490000.00")),
    ('"3490000.00"', Decimal("3490000.00")),
    ('"¥3,490,000.00"', Decimal("3490000.00")),
    ('"￥3490000"', Decimal("3490000")),
    ('"12,345.6"', Decimal("12345.6")),
    ('"0.5"', Decimal("0.5")),
    ('"0"', Decimal("0")),
    ('"0.00"', Decimal("0.00")),
    ('"999,999,999,999,999.99"', Decimal("999999999999999.99")),
    ('"100"', Decimal("100")),
    ("100", Decimal("100")),
    ("3490000.00", Decimal("3490000.00")),
    ("0.1", Decimal("0.1")),
    ("-0", Decimal("0")),
]


@pytest.mark.parametrize("written,value", AMOUNTS, ids=[w for w, _ in AMOUNTS])
def test_an_amount_in_the_written_form_is_read_exactly(compiled, written, value):
    got = amount_of(compiled, written)
    assert got == value and str(got) == str(value)


def test_amounts_add_up_exactly(compiled):
    # 3 × ¥1,163,333.33 = ¥3,489,999.99 — one fen short of the price: the duty is not performed
    lines = [DELIVERED] + [paid('"1,163,333.33"', f"p{i}") for i in range(3)]
    (o,) = compiled.evaluate(lines, "2026-04-01", "f.jsonl")["obligations"]
    assert o["status"] == "violated"
    lines.append(paid('"0.01"', "p3"))  # the missing fen
    (o,) = compiled.evaluate(lines, "2026-04-01", "f.jsonl")["obligations"]
    assert o["status"] == "fulfilled"


def test_the_seed_facts_are_all_in_the_one_written_form():
    seed = compile_file(ROOT / "rules" / "gzmz-2025-it-ops.qy")
    for path in sorted((ROOT / "facts").glob("*.jsonl")):
        lines, name, _ = fact_lines(path)
        seed.load_facts(lines, name)  # raises if any amount were refused


# ---------------------------------------------------------------- keys twice, refs, JSON limits

def test_a_key_twice_in_one_fact_is_refused_not_last_wins(compiled):
    (d,) = refused(compiled, ['{"id": "d1", "type": "delivered", "at": "2026-03-02", "qty": 1, "qty": 2}'])
    assert (d.code, d.span.line, d.args["name"]) == ("duplicate_key", 1, "qty")
    assert "'qty'" in d.text("en") and "qty" in d.text("zh")


def test_an_id_twice_in_one_fact_is_refused(compiled):
    # line 2: "id" twice (the fast path and the slow path alike)
    (d,) = refused(compiled, [DELIVERED, '{"id": "a", "type": "delivered", "at": "2026-03-02", "qty": 1, "id": "b"}'])
    assert (d.code, d.span.line, d.args["name"]) == ("duplicate_key", 2, "id")


def test_a_key_twice_in_an_object_inside_a_fact_is_refused(compiled):
    (d,) = refused(compiled, ['{"id": "d1", "type": "delivered", "at": "2026-03-02", "qty": 1, '
                              '"note": {"a": 1, "a": 2}}'])
    assert (d.code, d.span.line, d.args["name"]) == ("duplicate_key", 1, "a")


def test_a_ref_to_the_fact_itself_is_refused(compiled):
    lines = [DELIVERED, '{"id": "c1", "type": "certified", "at": "2026-03-03", "of": "c1"}']
    (d,) = refused(compiled, lines)
    assert (d.code, d.span.line, d.args["name"], d.args["ref"]) == ("self_ref", 2, "of", "c1")


def test_a_ref_to_another_fact_is_read_and_to_no_fact_refused(compiled):
    ok = compiled.load_facts([DELIVERED, '{"id": "c1", "type": "certified", "at": "2026-03-03", "of": "d1"}'])
    assert ok[1].attrs["of"] == "d1"
    (d,) = refused(compiled, [DELIVERED, '{"id": "c1", "type": "certified", "at": "2026-03-03", "of": "d9"}'])
    assert (d.code, d.span.line) == ("unknown_ref", 2)


def test_json_nested_too_deep_or_a_number_too_long_is_a_bad_line_not_a_traceback(compiled):
    deep = '{"id": "d1", "type": "delivered", "at": "2026-03-02", "qty": 1, "note": ' + "[" * 5000 + "]" * 5000 + "}"
    long = '{"id": "d1", "type": "delivered", "at": "2026-03-02", "qty": 1' + "0" * 5000 + "}"
    for line in (deep, long):
        (d,) = refused(compiled, [DELIVERED, line])
        assert (d.code, d.span.line) == ("bad_json", 2)
        assert len(d.text("en")) < 300 and len(d.text("zh")) < 300


# ---------------------------------------------------------------- tables and self-fulfilment

def test_a_constant_row_that_is_not_in_the_table_is_a_checker_error():
    # line 22: the param appended after the 21 lines of RULES; column 18: the key after `param far = fees[` (17)
    (d,) = check_errors(RULES + "param far = fees[999999].cost\n")
    assert (d.code, d.span.line, d.span.column, d.args["table"], d.args["row"]) == ("unknown_row", 22, 18, "fees",
                                                                                     999999)
    # in a condition too: line 18, the fulfilment, column 48 (47 characters: `    fulfilled by paid p where p.amount >= fees[`)
    (d,) = check_errors(RULES.replace("fulfilled when sum(p.amount for each paid p) >= price",
                                      "fulfilled by paid p where p.amount >= fees[0].cost"))
    assert (d.code, d.span.line, d.span.column, d.args["row"]) == ("unknown_row", 18, 48, 0)
    (d,) = check_errors(RULES + "param third = fees[3].cost\n")  # rows are 1 and 2
    assert (d.code, d.span.line) == ("unknown_row", 22)
    assert check_errors(RULES + "param second = fees[2].cost\n") == []


REFUND = RULES + textwrap.dedent('''\
    clause "2" "退款" {
      remedy refund "退款" { holder 乙方 for each delivered d amount fees[d.qty].cost }
    }
    ''')


def test_a_row_key_from_a_fact_that_is_not_in_the_table_is_an_evaluation_error():
    compiled = compile_rules(REFUND, "t.qy")
    report = compiled.evaluate([DELIVERED], "2026-04-01", "f.jsonl")
    assert [r["amount"] for r in report["remedies"]] == ["1.00"]  # qty 1 → row 1: ¥1.00
    second = '{"id": "d2", "type": "delivered", "at": "2026-03-02T11:00:00+08:00", "qty": 5}'
    with pytest.raises(QiyueError) as exc:  # qty 5: the table has rows 1 and 2 — never a silent null amount
        compiled.evaluate([DELIVERED, second], "2026-04-01", "f.jsonl")
    (d,) = exc.value.diagnostics
    assert (d.code, d.key, d.args["line"], d.args["id"], d.args["row"]) == ("unknown_row", "unknown_row.fact", 2,
                                                                          "d2", 5)
    assert d.span.file == "t.qy" and d.span.line == 23  # the rule's lookup: the remedy's line, after the 21 of RULES and the clause's
    assert "line 2" in d.text("en") and "第 2 行" in d.text("zh")


SELF = [
    ("fulfilled when triggered(pay)", True),
    ("fulfilled when open(pay)", True),
    ("fulfilled when not triggered(pay)", True),
    ("fulfilled when triggered(pay) and d.qty > 1", True),  # the trigger's own fact is fixed once bound
    ("fulfilled when triggered(pay) and price > ¥1.00", True),
    ("fulfilled when triggered(pay) and exists(paid p)", False),  # a payment can fulfil it
    ("fulfilled when exists(paid p)", False),
]


@pytest.mark.parametrize("fulfilment,error", SELF, ids=[s for s, _ in SELF])
def test_an_obligation_only_its_own_state_can_fulfil_is_a_checker_error(fulfilment, error):
    text = RULES.replace("fulfilled when sum(p.amount for each paid p) >= price", fulfilment)
    keys = [d.key for d in check_errors(text)]
    assert keys == (["unfulfillable_obligation.self_condition"] if error else []), keys


def test_the_self_condition_error_points_at_the_condition():
    (d,) = check_errors(RULES.replace("fulfilled when sum(p.amount for each paid p) >= price",
                                      "fulfilled when triggered(pay)"))
    assert (d.span.line, d.span.column, d.clause) == (18, 20, "1")  # `triggered(pay)` after "    fulfilled when "


# ---------------------------------------------------------------- money in rule files

@pytest.mark.parametrize("literal", ["¥3,4,9", "¥349,0000", "¥3490000,00", "¥1,000.001", "¥0349", "¥３４９"])
def test_a_money_literal_not_in_the_written_form_is_refused_where_it_is_written(literal):
    (d,) = check_errors(RULES.replace("¥3,490,000.00", literal))
    assert (d.code, d.span.line, d.span.column) == ("bad_money", 4, 20), (literal, d.code)  # after `param price "价款" = ` (19 characters)


@pytest.mark.parametrize("where", ["1: \"a\", ¥1,0000", "total ¥3,00"])
def test_table_cells_and_totals_follow_the_same_form(where):
    text = RULES.replace('1: "a", ¥1.00', '1: "a", ¥1,0000') if where.startswith("1") else \
        RULES.replace("total ¥3.00", "total ¥3,00")
    (d,) = check_errors(text)
    assert d.code == "bad_money" and d.span.line == (9 if where.startswith("1") else 11)


def test_a_money_literal_in_the_written_form_is_read():
    for literal, value in (("¥3,490,000.00", "3490000.00"), ("¥3490000", "3490000"), ("¥ 1,000.5", "1000.5"),
                           ("￥0.00", "0.00")):
        c = compile_rules(RULES.replace("¥3,490,000.00", literal), "t.qy")
        assert c.checked.rules.params[0].expr.value == Decimal(value)


def test_an_assumed_amount_follows_the_same_form():
    text = RULES + 'assumption cap "上限" = ¥1,000.00 "合同未写明"\n'
    with pytest.raises(QiyueError) as exc:
        compile_rules(text, "t.qy", assume={"cap": "¥1,0,0"})
    (d,) = exc.value.diagnostics
    assert d.code == "bad_assumption_value" and "¥1,0,0" in d.text("en")


# ---------------------------------------------------------------- line ends

def test_fact_text_is_split_on_newlines_only():
    assert split_lines("a\u2028b\nc\u0085d\r\ne\n") == ["a\u2028b", "c\u0085d", "e"]
    assert split_lines("a\n\nb") == ["a", "", "b"]  # blank lines keep their numbers
    assert split_lines("") == [] and split_lines("\n") == [""]


NOTE = '{"id": "d2", "type": "delivered", "at": "2026-03-02T11:00:00+08:00", "qty": 2, "note": "一\u2028二\u0085三"}'
UTF8 = {**os.environ, "PYTHONIOENCODING": "utf-8", "PYTHONPATH": str(ROOT)}
BAD_THIRD = '{"id": "d3", "type": "delivered", "at": "2026-03-02", "qty": 0}'


def test_a_json_string_holding_u2028_or_u0085_is_one_line_in_the_api(tmp_path, compiled):
    text = "\n".join([DELIVERED, NOTE]) + "\n"
    report = compiled.report(text, "2026-04-01")
    assert len(report.obligations) == 2
    p = tmp_path / "f.jsonl"
    p.write_text(text, encoding="utf-8")
    lines, _, _ = fact_lines(p)
    assert len(lines) == 2 and compiled.load_facts(lines)[1].attrs["note"] == "一\u2028二\u0085三"
    # an error on the third line is said to be on line 3 (splitlines() made it line 5)
    with pytest.raises(QiyueError) as exc:
        compiled.report(text + BAD_THIRD + "\n", "2026-04-01")
    assert [d.span.line for d in exc.value.diagnostics] == [3]


def test_a_json_string_holding_u2028_or_u0085_is_one_line_in_the_cli(tmp_path):
    (tmp_path / "t.qy").write_text(RULES, encoding="utf-8")
    (tmp_path / "f.jsonl").write_text("\n".join([DELIVERED, NOTE, BAD_THIRD]) + "\n", encoding="utf-8")
    for facts, stdin in (("f.jsonl", None), ("-", (tmp_path / "f.jsonl").read_text(encoding="utf-8"))):
        run = subprocess.run([sys.executable, "-m", "engine.cli", "eval", "t.qy", "--facts", facts,
                              "--as-of", "2026-04-01", "--format", "json", "--lang", "en"],
                             cwd=tmp_path, capture_output=True, text=True, encoding="utf-8", input=stdin, env=UTF8)
        assert run.returncode == 1, run.stderr
        (d,) = json.loads(run.stdout)["errors"]
        assert d["line"] == 3 and d["code"] == "bad_attribute", d
    (tmp_path / "f.jsonl").write_text("\n".join([DELIVERED, NOTE]) + "\n", encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "engine.cli", "eval", "t.qy", "--facts", "f.jsonl",
                          "--as-of", "2026-04-01", "--format", "json"], cwd=tmp_path, capture_output=True, text=True,
                         encoding="utf-8", env=UTF8)
    assert run.returncode == 0, run.stdout + run.stderr
    assert len(json.loads(run.stdout)["obligations"]) == 2


def test_cr_only_and_crlf_line_ends_in_a_rule_file_are_line_ends(tmp_path):
    commented = RULES.replace("param price", "# 价款见第二条\nparam price")  # a comment must end at its line
    for ending in ("\r", "\r\n"):
        p = tmp_path / "t.qy"
        p.write_bytes(commented.replace("\n", ending).encode("utf-8"))
        compiled = compile_file(p)
        assert [o.name for o in compiled.checked.rules.obligations] == ["pay"]
        # a mistake on line 6 (column 3) is reported there, as an editor shows it
        p.write_bytes(commented.replace("event delivered", "evnt delivered").replace("\n", ending).encode("utf-8"))
        with pytest.raises(QiyueError) as exc:
            compile_file(p)
        d = exc.value.diagnostics[0]
        assert (d.code, d.span.line, d.span.column) == ("syntax_error", 6, 1), ending


def test_decode_reads_cr_and_crlf_as_newlines_and_finds_a_bad_byte_on_its_line():
    assert decode(b"a\rb\r\nc\n") == ("a\nb\nc\n", "UTF-8")
    assert decode("甲\r乙".encode("gb18030")) == ("甲\n乙", "GB18030")
    with pytest.raises(ValueError) as exc:
        decode(b"a\rb\r\xff")
    assert (exc.value.line, exc.value.column) == (3, 1)


# --------------------------------------------------------------------------- an absurdly long rule text
# (issue 10, fuzz rules:12726 of seed 1: a megabyte of repeated clauses took 4.9 s to parse only to be
# refused; a text over parser.MAX_RULE_CHARS is now refused before it is parsed)

def _padded(chars: int) -> str:
    """RULES followed by comment lines, exactly ``chars`` characters long."""
    line = "# " + "注" * 60 + "\n"
    text = RULES + line * ((chars - len(RULES)) // len(line))
    return text + "#" * (chars - len(text) - 1) + "\n"


def test_a_rule_text_over_the_limit_is_refused_before_it_is_parsed():
    from engine.lang.parser import MAX_RULE_CHARS
    import time

    text = _padded(MAX_RULE_CHARS + 1)
    start = time.perf_counter()
    with pytest.raises(QiyueError) as exc:
        compile_rules(text, "big.qy")
    assert time.perf_counter() - start < 0.5
    (d,) = exc.value.diagnostics
    assert (d.code, d.key, d.hint_key) == ("too_large", "too_large", "hint:too_large")
    limit, chars = f"{MAX_RULE_CHARS:,}", f"{MAX_RULE_CHARS + 1:,}"
    line = text.count("\n", 0, MAX_RULE_CHARS) + 1  # the line holding the first character past the limit
    assert d.text("en") == (f"the rule text big.qy is too long to parse: {chars} characters, over the limit of "
                            f"{limit} (passed at line {line:,})")
    assert d.text("zh") == (f"规则文本 big.qy 过长，未作解析：共 {chars} 个字符，超过上限 {limit} 个字符"
                            f"（自第 {line:,} 行起超出）")
    assert "pasted many times" in d.hint_text("en") and "重复粘贴" in d.hint_text("zh")


def test_a_rule_text_at_the_limit_is_read():
    from engine.lang.parser import MAX_RULE_CHARS

    compiled = compile_rules(_padded(MAX_RULE_CHARS), "t.qy")
    assert [o.name for o in compiled.checked.rules.obligations] == ["pay"]


def test_a_large_rule_file_of_repeated_blocks_is_checked_and_a_longer_one_refused_by_its_length(tmp_path):
    """Files of repeated blocks, as the fuzzer writes them: a megabyte is checked (its errors, at
    most 200 of them, each with its place); over MAX_RULE_CHARS the text is refused unparsed, with
    the file named (bench/rules_size.py measures the time: linear, ~1.3 µs a character)."""
    from engine.lang.parser import MAX_RULE_CHARS

    block = textwrap.dedent('''\
        clause "X" {
        obligation x {
        当 全部满足 (
          存在(payment_application_received a 满足 a.installment == 1 且 a.amount == installment_1)
        )
        }
        }
        ''')
    for chars, expect in ((1_000_000, "error[missing_party]"),
                          (MAX_RULE_CHARS + 1, f"over the limit of {MAX_RULE_CHARS:,}")):
        (tmp_path / "big.qy").write_text('contract "X" { }\n' + block * (chars // len(block) + 1), encoding="utf-8")
        run = subprocess.run([sys.executable, "-m", "engine.cli", "check", "big.qy", "--lang", "en"],
                             cwd=tmp_path, capture_output=True, text=True, encoding="utf-8",
                             env={**os.environ, "PYTHONPATH": str(ROOT)})
        out = run.stdout + run.stderr
        assert run.returncode == 1 and "Traceback" not in out
        assert expect in out and "big.qy" in out
        assert out.count("error[") <= 201


def test_a_rule_file_too_large_to_hold_a_readable_text_is_not_read(tmp_path):
    from engine.api import MAX_RULE_FILE_BYTES

    (tmp_path / "huge.qy").write_bytes(b"#" * (MAX_RULE_FILE_BYTES + 1))
    with pytest.raises(QiyueError) as exc:
        compile_file(tmp_path / "huge.qy")
    (d,) = exc.value.diagnostics
    assert d.code == "unreadable_file" and d.hint_key == "hint:too_large"
    assert d.text("en").endswith(f"huge.qy: too large (over {MAX_RULE_FILE_BYTES // 2 ** 20} MB)")


# --------------------------------------------------------------------------- quoted values, bounded
# (issue 10, fuzz rules:2738 of seed 1: a table cell of 1,000 backslashes gave a type_mismatch message of
# 2,029 characters — the value was cut only past 1,000 characters, and repr then doubled each backslash)

def test_a_cell_of_a_thousand_backslashes_is_shown_by_its_ends():
    text = RULES.replace('2: "b", ¥2.00', '2: "b", "' + "\\" * 1000 + '"')  # (no escapes in a rule text)
    with pytest.raises(QiyueError) as exc:
        compile_rules(text, "t.qy")
    (d,) = [d for d in exc.value.diagnostics if d.key == "type_mismatch.cell"]
    value = d.args["value"]
    assert len(value) == 1000 and set(value) == {"\\"}  # (the value itself is kept whole: only shown short)
    # 28 backslashes (56 characters escaped), "…", 8 backslashes (16 escaped), quoted; then the length
    shown = "'" + "\\\\" * 28 + "…" + "\\\\" * 8 + "'"
    assert d.text("en") == f"row 2, column cost: expected money, got {shown} (1,000 characters)"
    assert d.text("zh") == f"序号 2 这一行的 cost 列应为金额，实际写的是 {shown}（共 1,000 字）"


WEIRD = ["\\" * 5000, "长" * 5000, "\x00" * 5000, "'\"" * 2500, "a" * 81, "\U0001F600" * 300]


@pytest.mark.parametrize("weird", WEIRD, ids=["backslashes", "cjk", "nul", "quotes", "81", "emoji"])
def test_every_quoted_value_of_the_catalogue_is_bounded(weird):
    """Each message field a template quotes ({x!r}, “{x}”) shows at most SHORT_QUOTED characters of a
    value, escapes counted, and its length — in both languages, whatever the characters."""
    from engine.messages import CATALOGUE, SHORT_QUOTED, _quoted_fields, fields, render

    checked = 0
    for key in CATALOGUE:
        for field in _quoted_fields(key):
            for lang in ("zh", "en"):
                args = {n: "x" for n in fields(CATALOGUE[key][0]) | fields(CATALOGUE[key][1])}
                args.update({n: Decimal(1) for t in CATALOGUE[key] for _, n, spec, _ in string.Formatter().parse(t)
                             if n and spec})  # ({stated:,.2f} takes a number)
                base = len(render(key, args, lang))
                long = render(key, {**args, field: weird}, lang)
                uses = len(re.findall(r"\{" + field + r"\W", CATALOGUE[key][lang == "en"]))
                grown = len(long) - base
                assert grown <= uses * (SHORT_QUOTED + 2 + len(" (5,000 characters)")), (key, field, lang, long)
                checked += 1
    assert checked > 100


TYPED_REF = textwrap.dedent('''\
    contract "T-9" "测试合同" { calendar official }
    party 甲方 "买方" as buyer
    party 乙方 "卖方" as supplier
    event occurred "不可抗力事件" { party: party }
    event leaked "数据泄露"
    event certified "不可抗力证明" { ref: ref (occurred) "所证明的不可抗力事件" }
    ''')


def test_a_ref_may_be_restricted_to_the_types_it_names():
    rules = compile_rules(TYPED_REF, "t.qy")
    occurred = '{"id": "fm", "type": "occurred", "at": "2026-03-02", "party": "乙方"}'
    leak = '{"id": "lk", "type": "leaked", "at": "2026-03-02"}'
    ok = rules.load_facts([occurred, '{"id": "c", "type": "certified", "at": "2026-03-03", "ref": "fm"}'])
    assert ok[1].attrs["ref"] == "fm"
    (d,) = refused(rules, [occurred, leak, '{"id": "c", "type": "certified", "at": "2026-03-03", "ref": "lk"}'])
    assert (d.code, d.span.line, d.args["ref"], d.args["type"], d.args["other"]) == ("ref_type", 3, "lk", "leaked", 2)
    assert "只能引用" in d.text("zh") and "occurred" in d.text("en")


def test_a_ref_to_a_type_not_declared_is_a_checker_error():
    with pytest.raises(QiyueError) as exc:
        compile_rules(TYPED_REF.replace("ref (occurred)", "ref (ocurred)"), "t.qy")
    (d,) = exc.value.diagnostics
    assert (d.code, d.span.line, d.did_you_mean) == ("unknown_event", 6, "occurred")


def test_an_amount_out_of_range_from_a_fact_names_the_fact_and_its_line():
    rules = compile_rules(textwrap.dedent('''\
        contract "T" "t" { calendar official }
        party 甲方 "a" as buyer
        party 乙方 "b" as supplier
        param price = ¥100,000.00
        event counted "清点" { n: int 0..100 "台数" }
        clause "3" "均摊" {
          remedy share "每台均摊" {
            holder 乙方
            for each counted a
            amount price ÷ a.n
          }
        }
        '''), "t.qy")
    with pytest.raises(QiyueError) as exc:
        rules.evaluate(['{"id": "x1", "type": "counted", "at": "2026-03-31", "n": 2}',
                        '{"id": "x2", "type": "counted", "at": "2026-04-30", "n": 0}'], "2026-05-01")
    (d,) = exc.value.diagnostics
    assert (d.key, d.args["line"], d.args["id"], d.span.line) == ("out_of_range.fact", 2, "x2", 7)
    assert d.text("zh") == "第 2 行的事实 x2 适用本条时，日期或金额超出了可计算的范围：除数为零"


@pytest.mark.parametrize("command", [["eval", "--as-of", "2026-05-01"], ["eval", "--as-of", "2026-05-01,2026-06-01"],
                                     ["watch", "--once"]])
def test_control_characters_of_a_fact_are_shown_not_sent_to_the_terminal(tmp_path, command):
    """A fuzzer: a fact id or note holding ESC [2J (clear the screen), a CR or U+202E (right to left) went raw to the
    terminal in the text report and in watch's lines: each is written as its escape (\\u001b), line ends kept."""
    facts = tmp_path / "f.jsonl"
    facts.write_text("\n".join([
        '{"id": "oa-001", "type": "contract_signed", "at": "2025-06-27T10:00:00+08:00"}',
        '{"id": "d1\\u001b[2J\\u001b[31mFAKE\\r\\u202eevil", "type": "data_leak_discovered", '
        '"at": "2026-04-10T09:00:00+08:00", "cause": "supplier"}']) + "\n", encoding="utf-8")
    out = subprocess.run([sys.executable, "-m", "engine.cli", command[0], str(ROOT / "rules" / "gzmz-2025-it-ops.qy"),
                          "--facts", str(facts), *command[1:]], capture_output=True, text=True, encoding="utf-8",
                         cwd=ROOT, timeout=120)
    assert out.returncode == 0, out.stderr
    assert "d1\\u001b[2J\\u001b[31mFAKE\\u000d\\u202eevil" in out.stdout
    assert not set(out.stdout) & {"\x1b", "\r", "\u202e"}


@pytest.mark.parametrize("written,char", [("within\u200b10 working days", "U+200B"), ("with\u200bin 10 working days", "U+200B"),
                                          ("within\u008510 working days", "U+0085"), ("within\x0b10 working days", "U+000B")])
def test_a_character_that_cannot_be_seen_is_named_by_its_code_point(written, char):
    """A fuzzer: `within\\x85…` said 此处不能出现字符 “” (an empty quotation), and a zero-width space inside `within`
    said only 此处不能写 “with” — the reader sees `within` and cannot tell what is wrong."""
    text = (ROOT / "rules" / "gzmz-2025-it-ops.qy").read_text(encoding="utf-8")
    assert text.count("within 10 working days") >= 1
    with pytest.raises(QiyueError) as exc:
        compile_rules(text.replace("within 10 working days", written, 1), "r.qy")
    (d,) = exc.value.diagnostics
    assert d.code == "syntax_error" and char in d.hint_text("zh") and char in d.hint_text("en")
    assert "“”" not in d.text("zh")


@pytest.mark.parametrize("amount,words,code", [
    ("¥1,000.50", "壹仟点伍元", "amount_words_unreadable"),  # (a fuzzer: read as ¥1,000.00 — a false mismatch)
    ("¥1,000.00", "壹仟点伍元", "amount_words_unreadable"),  # (… and against ¥1,000.00 no word at all)
    ("¥1,000.00", "", "amount_words_unreadable"),  # (capitals that say nothing: accepted silently)
    ("¥1,000.50", "壹仟元伍角", None),
    ("¥1,000.00", "壹仟元伍角", "amount_words_mismatch"),
])
def test_amounts_in_capitals_are_read_exactly_or_said_unreadable(amount, words, code):
    text = textwrap.dedent(f'''\
        contract "T-1" "测试合同" {{ calendar official }}
        party 甲方 "买方" as buyer
        party 乙方 "卖方" as supplier
        param price "价款" = {amount} words "{words}"
        ''')
    codes = [d.code for d in compile_rules(text, "t.qy").findings if d.code.startswith("amount_words")]
    assert codes == ([code] if code else [])
