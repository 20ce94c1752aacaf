"""Fuzz round 29: the rule files of tests/contracts and rules/ mutated, fact streams with extreme values, the backends
and replays set against each other, and stream shapes timed at N and 4N.

What was run (scratch scripts outside the repository; every case made from ``random.Random(f"{seed}:{i}")``):

- `python bench/fuzz.py --seed 2929 --rules 10000 --facts 50000 --api 2500 --jobs 1 --time-limit 1200`: 4,300 rule,
  21,500 fact and 1,080 API cases in 1,264 s.  Its one finding, `timeout:compile:engine/lang/parser.py` (rules:1848,
  a 525 KB rule file made by `repeat`, 5.1 s alone), is the size of the file (rounds 27 and 28 triaged the same).
- Rule-file mutations of the 18 files of tests/contracts and rules/ (the bench fuzzer mutates only the seed): 6,000
  cases (seeds 2901, 2902) of 1–5 operations each — a token deleted, doubled or swapped (with its neighbour or one up
  to 50 tokens on), a line deleted, doubled or swapped, a clause doubled, lines spliced in from another file; full-width
  digits and punctuation, U+200B/U+200F/U+202E/U+2066, a BOM at the start or inside, CJK and combining marks inside
  names, CRLF and lone CR line ends; 10**40, 1e400, 400-digit and ¥1e400 numbers, 10**40 (working) days; a condition
  nested 50–3,000 deep in parentheses, `not`, `not (`, `and`, `or`.  Every outcome a compile or a `QiyueError` whose
  errors carry a code, a message in both languages and a place — but the file-level `too_large` (9–29 MB, which names
  the line in its message).  Slowest: `and`-chains of 3,000 conjunctions (130–400 KB) take 5–19 s to check under load,
  linear (1 ms to 4 ms a conjunct).  400 of the mutants also through `qiyue check` saved in UTF-8 (with and without
  a BOM), UTF-16/32, GB18030, GBK, Big5, Shift-JIS and Latin-1, a byte flipped or the file cut: exit 0 or 1, no
  traceback.  The 574 of 2,500 further mutants that compile, evaluated on a random stream on both backends: the
  same report.  An illegal character put at a known line and column after neutral changes (BOM, CRLF, invisible and
  combining characters inside texts and comments; 60 cases): reported there, but inside a two-word keyword (at its
  first word).
- Fact streams: `at` in 61 forms (years 1/1900/9000/9999 with offsets ±12/14, leap seconds, 24:00, 7 and 9 decimals
  of a second, week and ordinal dates, full-width digits, a bare date, non-strings), money in 48 forms, ids of 26 odd
  kinds, 11 duplicate-id cases, wrong types for every kind of attribute, whole-line oddities; a hypothesis run of 600
  random values for random attributes of all 18 contracts (each a result or errors on the line itself, no fact
  lost); 100,000 facts at one instant (3–15 s, linear).
- Differential: 15,000 random valid streams over the 18 contracts (seeds 2903, 2905, 2907), each evaluated at three
  instants (at a fact's instant, a second before or after it, on its day alone, or any day): `evaluate_many` = the
  single runs; reference = `backend="durable"` (10,000 streams); the facts of each instant shuffled, and the same
  instants written in other offsets (5,000) — the same verdicts.  150 through the command line (`--as-of A,B,C` =
  three runs, either backend); a live `session` fed one to five lines at a time with the clock advanced and
  `changes()` asked for = the batch report (3,000 reference, 1,500 durable); 120 command runs (json, text, html; zh,
  en) under three PYTHONHASHSEEDs, byte for byte; one compiled file evaluated again after other streams and sessions
  on it (200, both backends); zh/en × explain full/words/none (150): the same verdicts; texts with NUL, 5,000
  characters, combining marks and ints past 2**53 on the Rete.  No disagreement.
- Scaling: N facts of each declared type against each of the 18 contracts, at one instant and a second apart, at
  150 and 600; mixed random streams at 200 and 800.  Faster than linear only labour.qy `wage_paid` at one instant
  (round 28's finding 5, below), loan.qy `repaid` (round 28's note) and the shape of finding 4.

Findings (each a strict xfail below):

1. A money attribute given as a JSON number with an exponent is read or refused by how Python's Decimal keeps its
   exponent, not by its value: 50 written `5.0e1`, `500e-1`, `1.00e2` (100) is taken as ¥50.00 / ¥100.00; the same
   amounts written `5e1`, `0.5e2`, `1e2`, `10e1` are refused as "5E+1 is not an amount in the one accepted form" — a
   form nobody wrote.  engine/lang/amounts.py `exact_amount`: `exponent > 0` refused, a normalised exponent ≤ 0 not.
2. A `decimal` attribute takes a JSON number with an exponent (`"score": 5e1`, `1e2`, `0.5e2` read as 50, 100, 50),
   though docs/language.md §3.6 says of `decimal`: "JSON 数字或带引号的十进制数，不接受指数" (no exponent).
3. A computation out of range in a rule set off by a derived event — a deemed event, or a duty's stage — names no
   fact, though a fact's value caused it: `amount avg` with `avg = sum(...) ÷ count(wage w)` and no wage, for each
   deemed `agreed` (from the fact `e` of line 1) → "a date or amount went out of range while applying this rule:
   division by zero", and the hint "this fact's values make one zero" names no fact.  The same rule `for each ended e`
   says "the fact e of line 1".  An amount `v.x.fee × 999999999999999` for each `d.violated v`: the same.
   (tests/contracts/labour.qy: a contract signed and ended by agreement before any wage is recorded stops the whole
   report so, at its 6.8 and 7.3.)  engine/run/plans.py `error`: `ev.current_fact` of a derived event has no line.
4. A condition reconsidered at each fact — `fulfilled when` or `when` — holding a `sum( )` / `count( )` over the
   facts that have no earlier one of the same key (`sum(r.x for each rep r where not exists(rep e where e.d == r.d and
   e.at < r.at))`, the shape of tests/contracts/patentlicence.qy 4.5, 5.4 and 6.1) is quadratic even with the facts a
   second apart; the plain `sum( )` is linear.  N doubled four times: 200 → 0.06 s, 400 → 0.21, 800 → 0.77,
   1,600 → 3.3, 3,200 → 13.0 (×3.5, ×3.7, ×4.3, ×3.9); patentlicence.qy, N sales reports of one quarter a second
   apart: 100 → 0.09 s, 200 → 0.27, 400 → 0.95, 800 → 3.8, 1,600 → 14.6 (×3.0, ×3.5, ×4.0, ×3.9).  The whole sum is
   rebuilt at each fact: evaluator `reconsider_cond` → compiler `total` → `first_per_binding` over every report.

Noticed, not tested here:
- tests/contracts/labour.qy `pay_wage` (`fulfilled when sum(w.amount for each wage_paid w where w.month ==
  m.start.day) >= …`) with N payments at one instant that meet it: 100 → 0.08 s, 200 → 0.23, 400 → 0.89, 800 → 3.9
  (a second apart: linear) — evaluator `last_of`, round 28's finding 5 (still a strict xfail there); loan.qy `repaid`
  at one instant (round 28's note).
- An amount past what is computed reads "amount 9.999999999999989900000000000E+29 is out of range" (scientific
  notation to legal staff), code `out_of_range`, where a per-day amount past it is `amount_out_of_range` (¥ and
  commas).
- A fact line beginning `//` (also after spaces, a BOM or U+3000) is skipped as a comment — docs/ do not say so.
- `--as-of A,B,C` where the replay to C meets an error (out_of_range, say) exits 1 with that error alone, no report
  for A or B — as `iter_evaluations` documents ("the earliest instant whose replay meets it raises it").
- Money `"0E-5"` is refused as "0.00000 has more than two decimals" (the value shown is not the one written; the
  line's value, 0E-5, is shown before it).
"""
from __future__ import annotations

import functools
import json
import random
import re
import time
from datetime import datetime, timedelta, timezone
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from engine.api import compile_file, compile_rules
from engine.diagnostics import QiyueError, render_text
from engine.facts import parse_instant
from scaling import ratio  # (shared: the collector held off, CPU time, the best of three)

ROOT = Path(__file__).resolve().parent.parent
CONTRACTS = ROOT / "tests" / "contracts"
TZ = timezone(timedelta(hours=8))


def f(fid, ftype, at, **attrs):
    return json.dumps({"id": fid, "type": ftype, "at": at, **attrs}, ensure_ascii=False)


def durable_available():
    try:
        from engine.live import available
    except ImportError:  # pragma: no cover
        return False
    return available()


@functools.lru_cache(maxsize=None)
def contract(name):
    return compile_file(CONTRACTS / f"{name}.qy")


# ================================================================== 1. mutated rule files

TOKEN = re.compile(r'"[^"\n]*"|[¥￥]?[0-9][0-9,.:\-T+%‰]*|\w+|==|!=|>=|<=|\S')
ODD = ["０", "９", "（", "）", "，", "：", "＝", "％", "\u200b", "\u200f", "\u202e", "\u2066", "\ufeff", "\u3000", "甲", "\u0301",
       "\u00a0", "\u2028", "\u0085", "\r", "\r\n", "\x00", "𠀀", "“", "٣", "²", "\t"]
HUGE = ["10000000000000000000000000000000000000000", "1e400", "9" * 400, "¥1e400", "¥" + "9" * 60 + ".00",
        "10000000000000000000000000000000000000000 days", "10000000000000000000000000000000000000000 working days",
        "99999999 years", "100000000000000000000%", "３ days", "٣ days"]


def mutate(rng, text):
    """1–5 of: a token deleted, doubled or swapped; a line deleted, doubled or swapped; an odd character inserted
    (anywhere or inside a token); a number made huge; CRLF, a BOM or lone CRs; full-width digits and punctuation in a
    line; a condition nested deep."""
    for _ in range(rng.choice([1, 1, 2, 3, 5])):
        op = rng.randrange(12)
        lines = text.split("\n")
        spans = [(m.start(), m.end()) for m in TOKEN.finditer(text)]
        if op == 0 and spans:
            a, b = rng.choice(spans)
            text = text[:a] + text[b:]
        elif op == 1 and spans:
            a, b = rng.choice(spans)
            text = text[:b] + " " + text[a:b] + text[b:]
        elif op == 2 and len(spans) > 1:
            i = rng.randrange(len(spans) - 1)
            (a, b), (c, d) = spans[i], spans[min(len(spans) - 1, i + rng.choice([1, 2, 5, 50]))]
            text = text[:a] + text[c:d] + text[b:c] + text[a:b] + text[d:]
        elif op == 3:
            del lines[rng.randrange(len(lines))]
            text = "\n".join(lines)
        elif op == 4:
            i = rng.randrange(len(lines))
            lines.insert(i, lines[i])
            text = "\n".join(lines)
        elif op == 5:
            i, j = rng.randrange(len(lines)), rng.randrange(len(lines))
            lines[i], lines[j] = lines[j], lines[i]
            text = "\n".join(lines)
        elif op == 6:
            k = rng.randrange(len(text) + 1)
            text = text[:k] + rng.choice(ODD) + text[k:]
        elif op == 7 and spans:
            a, b = rng.choice(spans)
            k = rng.randint(a, b)
            text = text[:k] + rng.choice(ODD) + text[k:]
        elif op == 8:
            numbers = [(a, b) for a, b in spans if text[a] in "0123456789¥￥"]
            if numbers:
                a, b = rng.choice(numbers)
                text = text[:a] + rng.choice(HUGE) + text[b:]
        elif op == 9:
            r = rng.random()
            text = text.replace("\n", "\r\n") if r < 0.4 else ("\ufeff" + text if r < 0.7 else text.replace("\n", "\r"))
        elif op == 10:
            i = rng.randrange(len(lines))
            lines[i] = lines[i].translate(str.maketrans("0123456789(),:", "０１２３４５６７８９（），："))
            text = "\n".join(lines)
        elif op == 11:
            found = list(re.finditer(r"(where|when) (.+)$", text, re.M))
            if found:
                m = rng.choice(found)
                cond, d = m.group(2), rng.choice([50, 101, 300])
                new = rng.choice(["(" * d + cond + ")" * d, " and ".join(["(" + cond + ")"] * d),
                                  " or ".join(["(" + cond + ")"] * d), "not " * d + "(" + cond + ")",
                                  "not (" * d + cond + ")" * d])
                text = text[:m.start(2)] + new + text[m.end(2):]
    return text


SMALL_RULES = ["saas", "freight", "advert", "devsoft"]


@settings(max_examples=120, deadline=None, derandomize=True, database=None,
          suppress_health_check=list(HealthCheck))
@given(st.sampled_from(SMALL_RULES), st.integers(0, 2 ** 32))
def test_a_mutated_contract_compiles_or_says_what_is_wrong_and_where(name, seed):
    text = mutate(random.Random(seed), (CONTRACTS / f"{name}.qy").read_text(encoding="utf-8"))
    start = time.process_time()
    try:
        compile_rules(text, f"{name}.qy")
    except QiyueError as err:
        for d in err.diagnostics:
            assert d.code and d.text("zh") and d.text("en"), d
            if d.severity == "error":
                assert d.span is not None and d.span.line >= 1 and d.span.column >= 1, d
            assert len(d.text("en")) <= 2000
        render_text(err.diagnostics, {f"{name}.qy": text}, "zh")
        render_text(err.diagnostics, {f"{name}.qy": text}, "en")
    assert time.process_time() - start < 5


@pytest.mark.parametrize("ch", ["\u200b", "\u202e", "\u2066", "\ufeff", "\u00a0", "\u2028", "\u0085", "\x00", "\u00ad"])
@pytest.mark.parametrize("where", ["line start", "between words", "inside a name"])
def test_an_invisible_character_outside_a_text_is_refused_where_it_stands(ch, where):
    text = (CONTRACTS / "saas.qy").read_text(encoding="utf-8")
    lines = text.split("\n")
    n = next(i for i, line in enumerate(lines) if line.startswith("party 乙方"))
    col = {"line start": 0, "between words": 6, "inside a name": 7}[where]
    lines[n] = lines[n][:col] + ch + lines[n][col:]
    with pytest.raises(QiyueError) as err:
        compile_rules("\ufeff" + "\r\n".join(lines), "saas.qy")
    d = err.value.diagnostics[0]
    assert (d.code, d.span.line, d.span.column) == ("syntax_error", n + 1, col + 1), d.text("en")


@pytest.mark.parametrize("ch", ["\u200b", "\u202e", "\u2028", "\u0085", "\ufeff", "\x0b", "\x00", "e\u0301", "𠀀"])
def test_an_invisible_character_inside_a_text_or_a_comment_is_kept(ch):
    text = (CONTRACTS / "saas.qy").read_text(encoding="utf-8")
    text = text.replace('"某市某区政务服务数据管理局"', f'"某市某区{ch}政务服务数据管理局"').replace("# 云服务", f"# 云{ch}服务")
    compile_rules(text, "saas.qy")


@pytest.mark.parametrize("shape", ["not ", "not (", "(x.at > x.at) and (", "x.at > x.at or ("])
def test_a_condition_nested_past_the_limit_is_refused_in_time(shape):
    cond = shape * 3000 + "x.at > x.at" + ")" * (3000 * (shape.count("(") - shape.count(")")))
    text = (CONTRACTS / "saas.qy").read_text(encoding="utf-8").replace(
        "for each incident_reported s where s.level == \"P1\"", f"for each incident_reported x where {cond}", 1)
    start = time.process_time()
    with pytest.raises(QiyueError) as err:
        compile_rules(text, "saas.qy")
    assert time.process_time() - start < 5
    d = err.value.diagnostics[0]
    assert d.code in ("too_deep", "syntax_error", "unknown_name") and d.span is not None


# ================================================================== 2. extreme facts

SIGNED = f("c", "contract_signed", "2025-06-20T10:00:00+08:00")


def incident(at):
    return f("i", "incident_reported", at, level="P1")


@pytest.mark.parametrize("at", [
    "9000-12-31T23:59:59+08:00", "9000-12-31", "1900-01-01", "1899-12-31T23:00:00-12:00",
    "2025-07-01T10:00:00.123456+08:00", "2025-07-01T10:00:00.000000000+08:00", "2025-07-01T10:00:00,5+08:00",
    "2025-07-01T10:00+14:00", "2025-07-01T10:00-12:00", "2025-07-01T10:00+1400", "2025-07-01T10:00:00Z",
    "2025-07-01t10:00:00z", "2025-07-01", " 2025-07-01 ", "2024-02-29T10:00"])
def test_an_instant_of_an_odd_but_valid_form_is_read(at):
    contract("saas").evaluate([SIGNED, incident(at)], "2026-01-01", explain="none")


@pytest.mark.parametrize("at", [
    "0001-01-01T00:00:00+08:00", "0001-01-01", "0001-01-01T12:00:00+14:00", "9999-12-31T23:59:59-12:00", "9999-12-31",
    "1900-01-01T00:00:00+14:00", "2025-12-31T23:59:60+08:00", "2016-12-31T23:59:60Z", "2025-07-01T24:00:00+08:00",
    "2025-07-01 24:00", "2025-07-01T24:00:01", "2025-07-01T10:00:00.1234567+08:00", "2025-07-01T10:00+14:01",
    "2025-07-01T10:00-12:01", "2025-W27-2", "2025-182", "20250701T100000+0800", "２０２５-07-01",
    "2025-07-01T10:00:00+08:00\u200b", "2025-02-29", "2025-13-01", "2025-07-01T25:00", "", "2025/07/01",
    "2025-07-01T10:00:00+08:00" + "0" * 10000, 20250701, 1.5e9, None, [], {}])
def test_an_impossible_instant_is_refused_on_its_line(at):
    with pytest.raises(QiyueError) as err:
        contract("saas").evaluate([SIGNED, json.dumps({"id": "i", "type": "incident_reported", "at": at, "level": "P1"})],
                                  "2026-01-01", explain="none")
    d = err.value.diagnostics[0]
    assert d.code in ("bad_time", "missing_key") and d.span.line == 2 and len(d.text("en")) < 600


@pytest.mark.parametrize("raw, amount", [("1000", "1000.00"), ("1000.0", "1000.00"), ("-0", "0.00"), ("-0.0", "0.00"),
                                         ("999999999999999.99", "999999999999999.99"), ('"1,000.00"', "1000.00"),
                                         ('"¥1,000"', "1000.00"), ('"0"', "0.00")])
def test_money_in_the_forms_it_may_take_is_read_exactly(raw, amount):
    line = '{"id": "r", "type": "refund_paid", "at": "2025-07-10T10:00:00+08:00", "amount": %s}' % raw
    assert contract("saas").load_facts([SIGNED, line])[1].attrs["amount"] == Decimal(amount)


@pytest.mark.parametrize("raw", ["1000.000", "1111111111111111", "9" * 400, "1e400", "1e-400", "NaN", "Infinity",
                                 "true", "null", "[]", '"-0.00"', '"1e3"', '"１０００"', '"1,0000.00"', '"¥-1"',
                                 '" 1000 "', '"1000\\u200b"', '"' + "9" * 100000 + '"'])
def test_money_in_any_other_form_is_refused_on_its_line(raw):
    line = '{"id": "r", "type": "refund_paid", "at": "2025-07-10T10:00:00+08:00", "amount": %s}' % raw
    with pytest.raises(QiyueError) as err:
        contract("saas").load_facts([SIGNED, line])
    d = err.value.diagnostics[0]
    assert (d.code, d.span.line) == ("bad_attribute", 2) and len(d.text("en")) < 600


@pytest.mark.parametrize("second, code", [
    ({"level": "P1"}, None), ({"level": "P2"}, "conflicting_id"), ({"at": "2025-07-10T02:00:00Z"}, None),
    ({"at": "2025-07-10"}, "conflicting_id"), ({"type": "contract_signed", "level": None}, "conflicting_id")])
def test_an_id_given_twice_is_one_fact_or_refused_on_the_second_line(second, code):
    first = {"id": "i", "type": "incident_reported", "at": "2025-07-10T10:00:00+08:00", "level": "P1"}
    again = {k: v for k, v in {**first, **second}.items() if v is not None}
    lines = [SIGNED, json.dumps(first), json.dumps(again)]
    if code is None:
        assert len(contract("saas").load_facts(lines)) == 2
    else:
        with pytest.raises(QiyueError) as err:
            contract("saas").load_facts(lines)
        assert (err.value.diagnostics[0].code, err.value.diagnostics[0].span.line) == (code, 3)


@pytest.mark.parametrize("fid", ["a" * 100000, "\u200b", "\ufeff", "a\nb", "a\u2028b", "\x00", "𠀀", "e\u0301", "\u212a",
                                 "<script>", "\x1b[31m", "pay_quarter#1.violated", "contract_effective"])
def test_an_id_of_odd_characters_is_kept_as_it_is(fid):
    report = contract("saas").evaluate([SIGNED, json.dumps({"id": fid, "type": "incident_reported",
                                                            "at": "2025-07-10T10:00:00+08:00", "level": "P1"})],
                                       "2026-01-01", explain="none")
    assert fid in {o["trigger"] for o in report["obligations"]}


@pytest.mark.parametrize("line, code", [
    ("[]", "bad_fact"), ('"x"', "bad_fact"), ("null", "bad_fact"), ("# comment", "bad_json"), ("/* c */", "bad_json"),
    ('{"id": "i", "type": "incident_reported", "at": "2025-07-10T10:00:00+08:00", "level": "P1"},', "bad_json"),
    ('\u200b{"id": "i", "type": "incident_reported", "at": "2025-07-10T10:00:00+08:00", "level": "P1"}', "bad_json"),
    ('{"id": "i", "type": "incident_reported", "at": "2025-07-10T10:00:00+08:00", "level": "P1", "x": 1}',
     "unknown_attribute"),
    ('{"id": "i", "type": "incident_reported", "at": "2025-07-10T10:00:00+08:00", "level": ["P1"]}', "bad_attribute")])
def test_a_line_that_is_no_fact_is_refused_on_its_line(line, code):
    with pytest.raises(QiyueError) as err:
        contract("saas").load_facts([SIGNED, line])
    assert (err.value.diagnostics[0].code, err.value.diagnostics[0].span.line) == (code, 2)


def test_twenty_thousand_facts_at_one_instant_take_linear_time():
    rules = contract("saas")

    def run(n):
        lines = [SIGNED] + [f(f"i{k}", "incident_reported", "2025-07-10T10:00:00+08:00", level="P3") for k in range(n)]
        assert len(rules.evaluate(lines, "2025-12-31", explain="none")["obligations"]) == n + 14
    assert ratio(run, 5000, 20000) < 8


# ================================================================== 3. differential

DIFF_RULES = ["saas", "freight", "warehouse", "property", "devsoft", "advert"]


def _value(rng, a, at, ids, parties, money, days):
    t, k = a.type, a.type.kind
    if k == "int":
        low = t.low if t.low is not None else 0
        return rng.randint(low, min(t.high if t.high is not None else low + 5, low + 5))
    if k == "number":
        return rng.choice([0, 1, 50, 99.5, 100, "3.25"])
    if k == "money":
        return rng.choice(money + ["0.00", "1.00"])
    if k == "bool":
        return rng.random() < 0.5
    if k == "date":
        return rng.choice(days + [(at + timedelta(days=rng.randrange(-40, 40))).date().replace(day=1).isoformat()])
    if k == "datetime":
        return (at + timedelta(hours=rng.choice([-48, -1, 0, 1, 48]))).isoformat()
    if k == "text":
        return rng.choice(list(t.values) + ["other"]) if t.values else rng.choice(["a", "其他"])
    if k == "party":
        return rng.choice(parties)
    if k == "enum":
        return rng.choice(t.values)
    if k == "ref":
        found = [x for ty in (t.values or list(ids)) for x in ids.get(ty, [])]
        return rng.choice(found) if found else None
    raise AssertionError(k)


def stream(name, seed, n):
    """A valid stream of about ``n`` facts for the contract: few instants (many facts share one), some by their day
    alone, values taken from the contract's own amounts and days; lines a requirement refuses are left out."""
    rules = contract(name)
    text = (CONTRACTS / f"{name}.qy").read_text(encoding="utf-8")
    rng = random.Random(seed)
    days = sorted(d for d in set(re.findall(r"\b(20[12]\d-\d\d-\d\d)\b", text)) if "2024-06" <= d <= "2026-10") \
        or ["2025-07-01"]
    money = sorted({x.replace(",", "") for x in re.findall(r"[¥￥]([0-9][0-9,]*(?:\.\d\d)?)", text)})[:40]
    base = datetime.fromisoformat(days[0]).replace(tzinfo=TZ)
    parties = [p.name for p in rules.checked.rules.parties]
    events = rules.checked.rules.events
    instants = sorted({base + timedelta(days=rng.randrange(-5, rng.choice([5, 60, 200])),
                                        hours=rng.choice([0, 0, 10, 23]), minutes=rng.choice([0, 0, 59]))
                       for _ in range(max(2, n // rng.choice([1, 3, 6])))})
    facts, ids = [], {}
    for k in range(n):
        e = rng.choices(events, [4 if not e.attrs else 1 for e in events])[0]
        at = rng.choice(instants)
        fact = {"id": f"f{k}", "type": e.name, "at": at.date().isoformat() if rng.random() < 0.05 else at.isoformat()}
        for a in e.attrs:
            if (a.optional or a.has_default) and rng.random() < 0.3:
                continue
            v = _value(rng, a, at, ids, parties, money or ["100.00"], days)
            if v is None:
                if a.optional or a.has_default:
                    continue
                break
            fact[a.name] = v
        else:
            facts.append(fact)
            ids.setdefault(e.name, []).append(fact["id"])
    facts.sort(key=lambda x: parse_instant(x["at"])[0])
    for _ in range(10):
        try:
            rules.load_facts([json.dumps(x, ensure_ascii=False) for x in facts])
            break
        except QiyueError as err:
            bad = {d.span.line for d in err.diagnostics if d.span}
            facts = [x for k, x in enumerate(facts, 1) if k not in bad]
    return rules, facts, base, rng


def verdicts(report):
    out = [("o", o["name"], o["trigger"], o["status"], o["triggered_at"], o["due"], o.get("fulfilled_at"))
           for o in report["obligations"]]
    out += [("r", x["name"], x["trigger"], x["status"], x.get("amount"), x.get("since"), x.get("exercised_at"))
            for x in report["remedies"]]
    out += [("e", e["name"], e.get("source"), e["at"]) for e in report["events"]]
    out += [("f", x["code"]) for x in report["findings"]]
    return sorted(map(str, out)) + [json.dumps(report["contract_life"], sort_keys=True, ensure_ascii=False)]


def outcome(call):
    try:
        return call()
    except QiyueError as err:
        return ("error", [d.code for d in err.diagnostics])


def as_lines(facts):
    return [json.dumps(x, ensure_ascii=False) for x in facts]


@settings(max_examples=60, deadline=None, derandomize=True, database=None, suppress_health_check=list(HealthCheck))
@given(st.sampled_from(DIFF_RULES), st.integers(0, 2 ** 32), st.sampled_from([5, 15, 40]))
def test_backends_orders_offsets_and_replays_agree(name, seed, n):
    rules, facts, base, rng = stream(name, seed, n)
    lines = as_lines(facts)
    instants = sorted({x["at"] for x in facts}) or [base.isoformat()]
    ats = sorted({rng.choice(instants), rng.choice(instants)[:10],
                  (base + timedelta(days=rng.randrange(0, 420))).isoformat()})
    singles = [outcome(lambda a=a: rules.evaluate(lines, a)) for a in ats]
    many = outcome(lambda: rules.evaluate_many(lines, ats))
    if not isinstance(many, tuple):
        assert many == singles
    if durable_available():
        assert [outcome(lambda a=a: rules.evaluate(lines, a, backend="durable")) for a in ats] == singles
    # the facts of each instant in another order; the same instants written in other offsets
    groups = {}
    for x in facts:
        groups.setdefault(x["at"], []).append(x)
    shuffled = [x for key in groups for x in rng.sample(groups[key], len(groups[key]))]

    def elsewhere(at):
        if len(at) <= 10:
            return at
        return datetime.fromisoformat(at).astimezone(timezone(timedelta(hours=rng.choice([-12, 0, 14])))).isoformat()
    moved = [dict(x, at=elsewhere(x["at"])) for x in facts]
    for other in (shuffled, moved):
        for a, single in zip(ats, singles):
            got = outcome(lambda: rules.evaluate(as_lines(other), a, explain="none"))
            if isinstance(single, tuple):
                assert got == single
            else:
                assert verdicts(got) == verdicts(single)


@settings(max_examples=40, deadline=None, derandomize=True, database=None, suppress_health_check=list(HealthCheck))
@given(st.sampled_from(DIFF_RULES), st.integers(0, 2 ** 32), st.sampled_from(["reference", "durable"]))
def test_a_session_fed_line_by_line_reports_what_a_replay_does(name, seed, backend):
    if backend == "durable" and not durable_available():
        return
    rules, facts, base, rng = stream(name, seed, 20)
    refs = {e.name: [a.name for a in e.attrs if a.type.kind == "ref"] for e in rules.checked.rules.events}
    seen, kept = set(), []
    for x in facts:  # (a session refuses a reference to a fact still to come: the stream in an order it takes)
        if all(x.get(a) is None or x[a] in seen for a in refs[x["type"]]):
            kept.append(x)
            seen.add(x["id"])
    lines = as_lines(kept)
    as_of = max([parse_instant(x["at"])[0] for x in kept], default=base) + timedelta(days=rng.choice([0, 1, 90]))
    session = rules.session(backend=backend)
    try:
        k = 0
        while k < len(lines):
            step = rng.choice([1, 1, 3])
            session.add(lines[k:k + step])
            k += step
            if k < len(lines) and rng.random() < 0.3:
                later = parse_instant(kept[k]["at"])[0]
                if later > session.clock:
                    session.advance(session.clock + (later - session.clock) / 2)
            if rng.random() < 0.5:
                session.changes()
        session.advance(as_of)
        got = session.report()
    except QiyueError as err:
        got = ("error", [d.code for d in err.diagnostics])
    expected = outcome(lambda: rules.evaluate(lines, as_of))
    if isinstance(got, dict) and isinstance(expected, dict):
        got["facts"] = expected["facts"] = None
    assert got == expected


# ================================================================== 1–3. the defects

NUMBERS = '''contract "T" { calendar official }
party 甲方 "甲"
party 乙方 "乙"
event scored "评分" { score: decimal 0..100 "分"  fee: money optional "金额" }
clause "1" "x" {
  remedy r "r" {
    holder 甲方
    for each scored s
    amount s.fee
  }
}
'''


def _read(attr, raw):
    """What a line with ``attr`` written ``raw`` (as it stands in the JSON) comes to: the value read, or the error."""
    rules = compile_rules(NUMBERS, "numbers.qy")
    others = '"score": 1, ' if attr != "score" else ""
    line = '{"id": "a", "type": "scored", "at": "2025-07-10T10:00:00+08:00", %s"%s": %s}' % (others, attr, raw)
    try:
        return str(rules.load_facts([line])[0].attrs[attr])
    except QiyueError as err:
        return err.diagnostics[0].code


# FIXED (was a strict xfail: exponents refused alike)
def test_an_amount_with_an_exponent_is_read_or_refused_by_its_value_not_by_how_decimal_keeps_it():
    """50 as `5.0e1` and `500e-1` is ¥50.00; as `5e1` and `0.5e2` it is "5E+1 is not an amount in the one accepted
    form".  100 as `1.00e2` is ¥100.00, as `1e2` or `10e1` refused.  The same amount, the same answer."""
    fifty = {raw: _read("fee", raw) for raw in ["5.0e1", "500e-1", "5e1", "0.5e2"]}
    hundred = {raw: _read("fee", raw) for raw in ["1.00e2", "1e2", "10e1"]}
    assert len(set(fifty.values())) == 1, fifty
    assert len(set(hundred.values())) == 1, hundred


def test_an_amount_as_a_plain_json_number_is_read():
    assert [_read("fee", raw) for raw in ["50", "50.0", "50.00", "-0", "-0.0"]] == ["50", "50.0", "50.00", "0", "0.0"]


# FIXED (was a strict xfail: exponents refused)
def test_a_decimal_attribute_refuses_an_exponent_as_documented():
    doc = (ROOT / "docs" / "language.md").read_text(encoding="utf-8")
    if "不接受指数" not in doc:
        return
    assert [_read("score", raw) for raw in ["5e1", "1e2", "0.5e2"]] == ["bad_attribute"] * 3


def test_a_decimal_attribute_takes_a_plain_json_number_or_decimal_text():
    assert [_read("score", raw) for raw in ["50", "50.5", '"50.5"', "100"]] == ["50", "50.5", "50.5", "100"]


DIVIDED = '''contract "T" { calendar official }
party 甲方 "甲"
party 乙方 "乙"
event ended "解除" { }
event wage "工资" { amount: money "额" }
param avg "平均工资" = sum(w.amount for each wage w) ÷ count(wage w)
clause "6" "补偿" {
  deemed agreed "协商解除" {
    for each ended e
    at e
  }
  remedy severance "经济补偿" {
    holder 乙方
    for each @TRIGGER@
    amount avg
  }
}
'''
MULTIPLIED = '''contract "T" { calendar official }
party 甲方 "甲"
party 乙方 "乙"
event o "下单" { fee: money "金额" }
event p "付款" { }
clause "1" "x" {
  obligation d "付" {
    debtor 甲方
    creditor 乙方
    for each o x
    fulfilled by p y
    within 3 days
  }
  remedy r "r" {
    holder 乙方
    for each d.violated v
    amount v.x.fee × 999999999999999
  }
}
'''


def _stopped(text, line):
    with pytest.raises(QiyueError) as err:
        compile_rules(text, "stop.qy").evaluate([line], "2026-06-01")
    return err.value.diagnostics[0]


def test_a_division_by_zero_in_a_rule_set_off_by_a_fact_names_the_fact():
    d = _stopped(DIVIDED.replace("@TRIGGER@", "ended e"), f("e", "ended", "2026-03-01T10:00:00+08:00"))
    assert (d.code, d.args.get("id"), d.args.get("line")) == ("out_of_range", "e", 1)


# FIXED (was a strict xfail: _origin)
@pytest.mark.parametrize("text, line", [
    (DIVIDED.replace("@TRIGGER@", "agreed x"), f("e", "ended", "2026-03-01T10:00:00+08:00")),
    (MULTIPLIED, f("a", "o", "2026-03-01T10:00:00+08:00", fee="1000.00"))], ids=["deemed", "violated"])
def test_a_computation_out_of_range_names_the_fact_its_rule_was_set_off_from(text, line):
    """Set off by the deemed `agreed` of fact e (line 1), or by the violation of the duty of fact a (line 1): the
    error says "a date or amount went out of range while applying this rule" and, for the division, "this fact's
    values make one zero" — no fact named.  The fact (its line) that led there is what to look at."""
    d = _stopped(text, line)
    assert d.code == "out_of_range"
    assert d.args.get("line") == 1, (d.text("en"), d.hint_text("en"))


# ================================================================== 4. a sum of the first facts of each key

SUMS = '''contract "T" { calendar official }
party 甲方 "甲"
party 乙方 "乙"
event ordered "下单" { }
event rep "报告" { d: date "所属期"  x: money "金额" }
clause "3" "x" {
  obligation pay "付" {
    debtor 乙方
    creditor 甲方
    @WHEN@
    fulfilled @FULFILLED@
    due by day_end(2026-12-31)
  }
}
'''
FIRSTS = "sum(r.x for each rep r where @COND@) >= ¥100,000,000.00"
FIRST_OF_ITS_PERIOD = "not exists(rep e where e.d == r.d and e.at < r.at)"


def _reports(cond, where="fulfilled when"):
    aggregate = FIRSTS.replace("@COND@", cond)
    text = SUMS.replace("@WHEN@", "for each ordered o" if where == "fulfilled when" else f"when {aggregate}") \
        .replace("@FULFILLED@", f"when {aggregate}" if where == "fulfilled when" else "by ordered q")
    rules = compile_rules(text, "sums.qy")

    def run(n):
        facts = [f("o", "ordered", "2026-01-05T10:00:00+08:00")]
        facts += [f(f"r{i}", "rep", f"2026-04-10T{10 + i // 3600:02d}:{i // 60 % 60:02d}:{i % 60:02d}+08:00",
                    d="2026-03-31", x="1.00") for i in range(n)]
        report = rules.evaluate(facts, "2026-05-01", explain="none")
        assert [o["status"] for o in report["obligations"]] == (["active"] if where == "fulfilled when" else ["inactive"])
    return run


# FIXED (was a strict xfail: fixed in the session of 2026-12-06 (13:44–): an aggregate inside a condition that counts only facts strictly before the fact tested is settled for it (compiler._settled), so the scan shapes carry it)
@pytest.mark.parametrize("where", ["fulfilled when", "when"])
def test_a_sum_of_the_first_report_of_each_period_takes_linear_time(where):
    """patentlicence.qy's shape (4.5, 5.4, 6.1), the facts a second apart: 200 → 0.06 s, 400 → 0.21, 800 → 0.77,
    1,600 → 3.3, 3,200 → 13.0 (`fulfilled when`; `when` the same)."""
    assert ratio(_reports(FIRST_OF_ITS_PERIOD, where), 150, 600) < 8


@pytest.mark.parametrize("where", ["fulfilled when", "when"])
def test_a_plain_sum_of_the_reports_takes_linear_time(where):
    assert ratio(_reports("r.d >= 2026-01-01", where), 300, 1200) < 8


# FIXED (was a strict xfail: fixed in the session of 2026-12-06 (13:44–): compiler._settled: the first report of each period is found once per report)
def test_sales_reports_of_one_quarter_against_the_patent_licence_take_linear_time():
    rules = contract("patentlicence")

    def run(n):
        facts = [f("c", "contract_signed", "2025-12-31T10:00:00+08:00")]
        facts += [f(f"r{i}", "sales_report", f"2026-04-10T{10 + i // 3600:02d}:{i // 60 % 60:02d}:{i % 60:02d}+08:00",
                    period_end="2026-03-31", net_sales="1000.00", ytd_net_sales="1000.00") for i in range(n)]
        rules.evaluate(facts, "2026-05-01", explain="none")
    assert ratio(run, 100, 400) < 8
