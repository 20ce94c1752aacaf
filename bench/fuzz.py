"""A seeded fuzzer for qiyue (issue 10, class 7): mutated rule files, mutated fact streams and odd
arguments to the Python API.

    python bench/fuzz.py --seed 1 --rules 30000 --facts 1000000 --api 20000 [--timeout-per-case 5]
                         [--jobs 2] [--out DIR] [--time-limit SECONDS]
    python bench/fuzz.py --seed 1 --replay facts:12345      # run one case here, print what happened

Every case is made from ``random.Random(f"{seed}:{kind}:{index}")`` alone, so any case of any run can
be made again (``--replay``) without the rest of the run.

The oracle, per case: a normal result, or ``qiyue.QiyueError`` whose diagnostics all have a code and a
message and render in Chinese and English (``d.text("zh")``, ``d.text("en")``, ``render_text``,
``as_json``).  A finding is any of:

  * another exception (its traceback is kept);
  * a case over the time bound (``--timeout-per-case``; a watchdog kills a worker stuck in C code);
  * a worker that dies (a crash of the interpreter);
  * memory: a case that raises the worker's peak RSS past ``--peak-mb`` (or ends in MemoryError under
    ``--mem-limit-mb``), or a worker whose live memory — Python's allocated blocks after a full
    collection — grows by more than ``--growth-blocks`` after its warm-up (a long-running process
    must stay flat);
  * silent acceptance: a fact stream accepted although a money string in it is not in the one
    canonical form (ASCII digits, optional thousands commas in groups of three, at most two decimals,
    no sign; an optional ¥ before it, as the engine documents), or accepted with an amount other than
    the one written; a stream accepted although one mutation made it invalid beyond doubt (a key
    twice in one object, an unknown key, a missing id/type/at, a day that does not exist, a ``ref``
    to the fact itself); a rule file accepted with a money literal that is not canonical, or with a
    number written in other than ASCII digits;
  * wrong refusal: a stream refused although one mutation kept it valid beyond doubt (CRLF line
    ends, a byte-order mark, blank and comment lines, a fact repeated word for word, U+2028 or U+0085
    inside an id, a canonical amount, a valid instant), or a shuffled stream whose verdicts differ
    from the original's (facts may come in any order);
  * a diagnostic without a code or message, or a message over 2,000 characters (a huge input echoed).

Findings are deduplicated by a key — the exception's type and its innermost frame in the project
(``engine/…``; the innermost frame overall when none is) — and the smallest input of each key is
saved under ``--out`` (``case.json`` with the exact input, ``traceback.txt``, the input as a file,
``repro.py``).  The summary gives cases run per kind, outcomes, findings per kind and the time.

tests/test_fuzz.py runs a short pass of this on every test run.
"""
from __future__ import annotations

import argparse
import collections
import gc
import json
import multiprocessing
import multiprocessing.connection
import os
import random
import re
import resource
import shutil
import signal
import sys
import tempfile
import time
import traceback
from decimal import Decimal, InvalidOperation
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import qiyue  # noqa: E402
from engine.cli import json_bytes  # noqa: E402
from engine.diagnostics import QiyueError, render_text  # noqa: E402
from engine.facts import split_lines  # noqa: E402

KINDS = ("rules", "facts", "api")
SEED_RULES = ROOT / "rules" / "gzmz-2025-it-ops.qy"
MAX_MESSAGE = 2000  # a diagnostic's message longer than this echoes its input


# ====================================================================================== the corpus

class Raw:
    """A JSON value written out verbatim (a number Python would not write that way, NaN, …)."""
    __slots__ = ("text",)

    def __init__(self, text):
        self.text = text


class Obj(list):
    """A JSON object as its list of [key, value] members: order kept, a key may be written twice."""


def jparse(text):
    return json.loads(text, object_pairs_hook=lambda pairs: Obj([list(p) for p in pairs]),
                      parse_float=lambda s: Raw(s), parse_int=lambda s: Raw(s), parse_constant=lambda s: Raw(s))


def jdump(v, ascii_only=False) -> str:
    if isinstance(v, Raw):
        return v.text
    if isinstance(v, Obj):
        return "{" + ", ".join(f"{jdump(k, ascii_only)}: {jdump(x, ascii_only)}" for k, x in v) + "}"
    if isinstance(v, list):
        return "[" + ", ".join(jdump(x, ascii_only) for x in v) + "]"
    return json.dumps(v, ensure_ascii=ascii_only)


def obj_get(o: Obj, key, default=None):
    for k, v in o:
        if k == key:
            return v
    return default


_FENCE = re.compile(r"^```(qy[^\n]*)\n(.*?)^```", re.M | re.S)
_WRAPS = ["@S@", 'contract "X" { }\n@S@\n', 'contract "X" { }\nclause "X" {\n@S@\n}\n',
          'contract "X" { }\nclause "X" {\nobligation x {\n@S@\n}\n}\n',
          'contract "X" { }\nclause "X" {\nremedy x {\n@S@\n}\n}\n',
          'contract "X" { }\nclause "X" {\ndeemed x {\n@S@\n}\n}\n', 'contract "X" { }\nparam x = @S@\n']


class Corpus:
    """What mutants start from: the seed rules and the docs' examples, the seed's fact streams, the
    grammar's keywords; and the seed rules compiled once (fact and API cases run against them)."""

    def __init__(self):
        from engine.lang.parser import parse

        self.seed_text = SEED_RULES.read_text(encoding="utf-8")
        docs = []
        for doc in ("docs/language.md", "docs/language.en.md"):
            for info, body in _FENCE.findall((ROOT / doc).read_text(encoding="utf-8")):
                if "bad" in info:
                    docs.append(body)
                    continue
                for wrap in _WRAPS:
                    text = wrap.replace("@S@", body)
                    try:
                        parse(text, "doc.qy")
                    except QiyueError:
                        continue
                    docs.append(text)
                    break
        self.docs = sorted(set(docs))
        self.small = self._compiled_texts()  # small rule files that compile: the tests' and the docs' own
        grammar = (ROOT / "grammar" / "qiyue.lark").read_text(encoding="utf-8")
        words = set()
        for alts in re.findall(r"^[A-Z_]+\.\d+: /\((.*?)\)\\b/", grammar, re.M):
            for w in alts.split("|"):
                words.add(w.replace("\\s+", " ").replace("s?", "s"))
        self.keywords = sorted(words)
        self.keyword_pairs = {}  # a one-word keyword → its other-language form
        for alts in re.findall(r"^[A-Z_]+\.\d+: /\((.*?)\)\\b/", grammar, re.M):
            forms = [w for w in alts.split("|") if "\\" not in w and "?" not in w]
            if len(forms) == 2:
                self.keyword_pairs[forms[0]] = forms[1]
                self.keyword_pairs[forms[1]] = forms[0]
        self.streams = {}
        for p in sorted((ROOT / "facts").glob("*.jsonl")):
            lines = p.read_text(encoding="utf-8").split("\n")
            if lines and lines[-1] == "":
                lines.pop()
            objs = []
            for line in lines:
                try:
                    o = jparse(line)
                except ValueError:
                    o = None
                objs.append(o if isinstance(o, Obj) else None)
            refs = {obj_get(o, "ref") for o in objs if o is not None} - {None}
            self.streams[p.stem] = (lines, objs, refs)
        self.stream_names = sorted(self.streams)
        self.assumptions = sorted(p.name for p in parse(self.seed_text).params if p.is_assumption)
        self._compiled = None

    def _compiled_texts(self):
        import ast
        import textwrap

        texts = set()
        for f in sorted((ROOT / "tests").glob("*.py")):
            for node in ast.walk(ast.parse(f.read_text(encoding="utf-8"))):
                if isinstance(node, ast.Constant) and isinstance(node.value, str) and 'contract "' in node.value:
                    texts.add(textwrap.dedent(node.value))
        out = []
        for text in sorted(texts | set(self.docs)):
            try:
                qiyue.compile_rules(text, "small.qy")
            except QiyueError:
                continue
            out.append(text)
        return out

    @property
    def compiled(self):
        if self._compiled is None:
            self._compiled = qiyue.compile_file(SEED_RULES)
        return self._compiled


_CORPUS = None


def corpus() -> Corpus:
    global _CORPUS
    if _CORPUS is None:
        _CORPUS = Corpus()
    return _CORPUS


def case_rng(seed, kind, index) -> random.Random:
    return random.Random(f"{seed}:{kind}:{index}")


def wpick(rng, table):
    """A weighted choice from [(weight, item), …]."""
    total = sum(w for w, _ in table)
    x = rng.random() * total
    for w, item in table:
        x -= w
        if x < 0:
            return item
    return table[-1][1]


def n_ops(rng):
    return wpick(rng, [(60, 1), (25, 2), (10, 3), (5, 4)])


# Characters that are rarely where a reader expects them.
ODD_CHARS = ["\ud800", "\udfff", "\udc80", "１２３", "\u2028", "\u2029", "\x85", "\x00", "\ufeff", "\r", "\r\n",
             "\u3000", "\u200b", "\u202e", "\U0001F600", "\t", "\x0b", "\x0c", "e\u0301", "Ａ", "＂", "“", "”",
             "（", "）", "：", "，", "－", "．", "＝", "٣", "〇", "𝟙", "Ⅻ", "²", "\x1b", "\x7f", "\ufffe", "\uffff",
             "\U0010ffff", "\\", "\"", "#", "\n"]
NONASCII_DIGITS = "０１２３４５６７８９٠١٢٣٤٥٦٧٨٩०१२३४५६७८९𝟎𝟏𝟐"
AS_OFS = ["2025-06-01", "2025-09-30T12:00:00+08:00", "2025-12-31", "2026-07-20", "2026-08-31", "2027-12-31",
          "2030-01-01"]


# ================================================================================ rule mutations

_TOKEN = re.compile(r'"[^"\n]*"|#[^\n]*|\s+|[¥￥]\s?\d[\d,]*(?:\.\d+)?|\d{4}-\d{2}-\d{2}|\d+(?:\.\d+)?%?'
                    r'|[^\W\d]\w*|\.\.|>=|<=|==|!=|.', re.S)


def tokens(text):
    return _TOKEN.findall(text)


def _solid(toks):
    """Indices of the tokens that are not whitespace or comments."""
    return [i for i, t in enumerate(toks) if t and not t.isspace() and not t.startswith("#")]


def _of(toks, pred):
    return [i for i, t in enumerate(toks) if t and pred(t)]


def _is_name(t):
    return (t[0].isalpha() or t[0] == "_") and not t.startswith('"')


def _is_number(t):
    return t[0].isdigit() or t[0] in "¥￥"


def _lines(text):
    return text.split("\n")


def rm_line_delete(rng, text, c):
    ls = _lines(text)
    i = rng.randrange(len(ls))
    k = rng.choice([1, 1, 1, 2, 5, 20])
    del ls[i:i + k]
    return "\n".join(ls)


def rm_line_dup(rng, text, c):
    ls = _lines(text)
    i = rng.randrange(len(ls))
    ls[i:i] = [ls[i]] * rng.choice([1, 1, 2, 3])
    return "\n".join(ls)


def rm_line_swap(rng, text, c):
    ls = _lines(text)
    i, j = rng.randrange(len(ls)), rng.randrange(len(ls))
    ls[i], ls[j] = ls[j], ls[i]
    return "\n".join(ls)


def rm_line_move(rng, text, c):
    ls = _lines(text)
    i = rng.randrange(len(ls))
    block = ls[i:i + rng.randint(1, 15)]
    del ls[i:i + len(block)]
    j = rng.randint(0, len(ls))
    ls[j:j] = block
    return "\n".join(ls)


def rm_tok_delete(rng, text, c):
    t = tokens(text)
    s = _solid(t)
    if s:
        del t[rng.choice(s)]
    return "".join(t)


def rm_tok_dup(rng, text, c):
    t = tokens(text)
    s = _solid(t)
    if s:
        i = rng.choice(s)
        t.insert(i, t[i] + " ")
    return "".join(t)


def rm_tok_swap(rng, text, c):
    t = tokens(text)
    s = _solid(t)
    if len(s) > 1:
        i = rng.choice(s)
        j = rng.choice(s) if rng.random() < 0.3 else s[min(len(s) - 1, max(0, s.index(i) + rng.choice([-2, -1, 1, 2])))]
        t[i], t[j] = t[j], t[i]
    return "".join(t)


def rm_kw_insert(rng, text, c):
    t = tokens(text)
    i = rng.randrange(len(t) + 1)
    t.insert(i, f" {rng.choice(c.keywords)} ")
    return "".join(t)


def rm_kw_replace(rng, text, c):
    t = tokens(text)
    s = _of(t, _is_name)
    if s:
        t[rng.choice(s)] = rng.choice(c.keywords)
    return "".join(t)


PUNCT = ["{", "}", "(", ")", ":", ",", "=", "[", "]", ".", "..", "+", "-", ">=", "==", "<", "≥", "%", "¥", '"', "#",
         "（", "）", "，", "：", "｛", "｝", "＝"]


def rm_punct_insert(rng, text, c):
    t = tokens(text)
    t.insert(rng.randrange(len(t) + 1), rng.choice(PUNCT))
    return "".join(t)


def rm_name_replace(rng, text, c):
    """A name replaced by another name of the file: self-references, cycles, type mismatches."""
    t = tokens(text)
    s = _of(t, _is_name)
    if len(s) > 1:
        t[rng.choice(s)] = t[rng.choice(s)]
    return "".join(t)


DEPTHS = [1, 2, 3, 5, 10, 50, 99, 100, 101, 150, 300, 1000, 3000]


def nested(rng, inner, d):
    form = rng.choice(["not", "paren", "attr", "index", "all_of", "any_of", "sum", "minus", "exists", "percent",
                       "and", "compare"])
    if form == "not":
        return "not " * d + inner
    if form == "paren":
        return "(" * d + inner + ")" * d
    if form == "attr":
        return inner + ".amount" * d
    if form == "index":
        return f"{inner}[" * d + "1" + "]" * d
    if form == "all_of":
        return "all of (" * d + inner + ")" * d
    if form == "any_of":
        return "any of (" * d + inner + ", true)" * d
    if form == "sum":
        return " + ".join([inner] * d)
    if form == "minus":
        return " - ".join([inner] * d)
    if form == "exists":
        return "exists(payment_made p where " * d + inner + ")" * d
    if form == "percent":
        return "5% of " * d + inner
    if form == "and":
        return " and ".join([inner] * d)
    return " == ".join([inner] * d)


# Tokens after which an expression begins (where a nested one still parses).
EXPR_BEFORE = {"=", "when", "当", "verify", "核对", "where", "满足", "==", ">=", "<=", ">", "<", "!=", "≥", "≤", "≠", "and",
               "且", "or", "或", "not", "非", "(", ",", "+", "-", "if", "如", "amount", "金额", "until", "直至", "since",
               "起自", "after", "自", "holder", "debtor", "creditor", "债务人", "债权人", "权利人", "[", "of"}


def rm_nest(rng, text, c):
    """A name or literal where an expression begins replaced by a deeply nested expression around it."""
    t = tokens(text)
    solid = _solid(t)
    s = [i for k, i in enumerate(solid) if k and t[solid[k - 1]] in EXPR_BEFORE and (_is_name(t[i]) or _is_number(t[i]))]
    if not s or rng.random() < 0.1:
        s = _of(t, lambda x: _is_name(x) or _is_number(x))
    if s:
        i = rng.choice(s)
        t[i] = nested(rng, t[i], rng.choice(DEPTHS))
    return "".join(t)


def rm_verify_nest(rng, text, c):
    inner = rng.choice(["true", "total", "1", "¥1.00", "installment_1", "bond_amount", "payment_term"])
    return text + f'\nverify {nested(rng, inner, rng.choice(DEPTHS))} "fuzz"\n'


def rm_param_chain(rng, text, c):
    n = rng.choice([2, 10, 100, 1000, 3000])
    step = rng.choice(["", " + ¥1.00", " + q0", "", " * 2"])
    ls = ["param q0 = ¥1.00"] + [f"param q{i} = q{i - 1}{step}" for i in range(1, n)]
    if rng.random() < 0.3:
        ls[0] = f"param q0 = q{n - 1}"  # a cycle
    if rng.random() < 0.5:
        ls.reverse()
    return text + "\n" + "\n".join(ls) + "\n"


def rm_period_self(rng, text, c):
    """Periods anchored on themselves, on each other, on parameters that read them — or on nothing odd."""
    n = rng.choice([1, 2, 3, 50])

    def anchor(i):
        other = f"z{(i + 1) % n}"
        return rng.choice([f"{other}.end", f"{other}.start", f"earliest({other}.end, 2026-01-01)", "2026-01-01",
                           f"end of 3 days after {other}.end", "first(contract_effective).at", f"zp{i}",
                           f"latest({other}.start, first(contract_effective).at)"])

    ls = []
    for i in range(n):
        ls.append(f"period z{i} = {rng.choice([0, 1, 3, 30, 999999])} "
                  f"{rng.choice(['days', 'working days', 'months', 'hours', 'years', 'minutes'])}"
                  f"{rng.choice(['', ' as term', ' as act'])} after {anchor(i)}")
        ls.append(f"param zp{i} = {rng.choice([f'z{(i + 1) % n}.end', '2026-01-01', f'z{i}.start'])}")
    uses = ('\nclause "99" {\n obligation zz {\n debtor 甲方\n creditor 乙方\n for each contract_signed s\n'
            f' fulfilled by handover_delivered h\n within 5 days after z{rng.randrange(n)}.end\n }}\n}}\n'
            if rng.random() < 0.6 else "")
    return text + "\n" + "\n".join(ls) + uses


def long_digits(rng, n):
    return str(rng.randint(1, 9)) + "".join(rng.choice("0123456789") for _ in range(n - 1)) if n < 50 \
        else str(rng.randint(1, 9)) + rng.choice("0123456789") * (n - 1)


NUM_LENGTHS = [1, 2, 6, 7, 15, 16, 17, 28, 29, 40, 41, 100, 4300, 4301, 5000, 20000]


def rm_long_number(rng, text, c):
    t = tokens(text)
    s = _of(t, _is_number)
    if not s:
        return text
    i = rng.choice(s)
    digits = long_digits(rng, rng.choice(NUM_LENGTHS))
    frac = rng.choice(["", "", ".5", ".00", "." + "0" * rng.choice([3, 30, 5000])])
    old = t[i]
    if old[0] in "¥￥":
        t[i] = "¥" + digits + frac
    elif old.endswith("%"):
        t[i] = digits + frac + "%"
    elif len(old) == 10 and old[4] == "-":
        t[i] = digits[:4] + "-" + digits[4:6].rjust(2, "0") + "-" + digits[6:8].rjust(2, "0")
    else:
        t[i] = digits + frac
    return "".join(t)


ODD_MONEY_LITERALS = ["¥3490000,00", "¥3,4,9,0,0,0,0", "¥349,0000", "¥3_490_000", "¥１２３", "¥٣٤٩", "¥-1.00", "¥1e9",
                      "¥1.234", "¥0.001", "¥.5", "¥1.", "¥ 1", "¥  1", "¥01", "¥1,000.5", "¥1,000.50", "¥0.00",
                      "￥1,000.00", "¥1,00", "¥1,000,00", "¥1.2.3", "¥,100", "¥100,", "¥1,,000", "¥+1", "¥1 000",
                      "¥9999999999999999", "¥1000000000000000", "¥999999999999999.99", "¥１,０００.００", "¥1,000.001"]


def rm_odd_money(rng, text, c):
    t = tokens(text)
    s = _of(t, lambda x: x[0] in "¥￥")
    if not s:
        return text
    i = rng.choice(s)
    if rng.random() < 0.5:
        t[i] = rng.choice(ODD_MONEY_LITERALS)
    else:
        t[i] = "¥" + money_string(rng)[0].lstrip("¥￥")
    return "".join(t)


def rm_odd_digits(rng, text, c):
    """ASCII digits of a number replaced by full-width, Arabic-Indic or Devanagari ones."""
    t = tokens(text)
    s = _of(t, lambda x: _is_number(x) or (x[0] == '"' and any(ch.isdigit() for ch in x)))
    if not s:
        return text
    i = rng.choice(s)
    base = rng.choice(["０", "٠", "०"])
    t[i] = "".join(chr(ord(base) + int(ch)) if ch.isascii() and ch.isdigit() and rng.random() < 0.7 else ch
                   for ch in t[i])
    return "".join(t)


def rm_unicode(rng, text, c):
    i = rng.randrange(len(text) + 1)
    return text[:i] + rng.choice(ODD_CHARS) * rng.choice([1, 1, 1, 2, 50]) + text[i:]


def rm_newlines(rng, text, c):
    return text.replace("\n", rng.choice(["\r\n", "\r", "\u2028", "\x85", "\n\n", "\r\r\n", "\n\r"]))


def rm_bom(rng, text, c):
    return "\ufeff" + text if rng.random() < 0.8 else text.replace("\n", "\n\ufeff", 1)


def rm_truncate(rng, text, c):
    return text[:rng.randrange(len(text) + 1)]


MAX_RULE_TEXT = 1_000_000  # characters a repetition may grow a rule file to


def rm_repeat(rng, text, c):
    """A block of lines repeated many times (clause numbers and names repeat: errors at scale)."""
    ls = _lines(text)
    i = rng.randrange(len(ls))
    block = "\n".join(ls[i:i + rng.randint(1, 30)]) + "\n"
    k = rng.choice([10, 100, 1000, 5000, 20000])
    k = max(1, min(k, MAX_RULE_TEXT // max(1, len(block))))
    return "\n".join(ls[:i]) + "\n" + block * k + "\n".join(ls[i:])


def rm_huge_token(rng, text, c):
    t = tokens(text)
    s = _solid(t)
    if not s:
        return text
    i = rng.choice(s)
    n = rng.choice([1000, 100_000, 500_000])
    t[i] = rng.choice(['"' + "长" * n + '"', "x" * n, "甲" * n, "# " + "x" * n, '"' + "\\" * n + '"'])
    return "".join(t)


def rm_char_flip(rng, text, c):
    chars = list(text)
    for _ in range(rng.choice([1, 1, 2, 5, 20])):
        i = rng.randrange(len(chars) + 1)
        op = rng.random()
        if op < 0.4 and chars:
            del chars[min(i, len(chars) - 1)]
        elif op < 0.7:
            chars.insert(i, rng.choice('{}()[]:,.="#¥%+-<>=!_ \n\tab甲乙0129' + "".join(NONASCII_DIGITS[:3])))
        elif chars:
            chars[min(i, len(chars) - 1)] = rng.choice("{}()\"'#.0a甲 \n")
    return "".join(chars)


def rm_splice(rng, text, c):
    other = _lines(rng.choice([c.seed_text] + c.docs))
    i = rng.randrange(len(other))
    piece = other[i:i + rng.randint(1, 20)]
    ls = _lines(text)
    j = rng.randint(0, len(ls))
    ls[j:j] = piece
    return "\n".join(ls)


def rm_duration(rng, text, c):
    t = tokens(text)
    units = {"days", "day", "working", "months", "month", "years", "year", "hours", "hour", "minutes", "minute", "日",
             "天", "个月", "月", "年", "小时", "分钟", "工作日", "个工作日"}
    s = [i for i in _solid(t) if t[i][0].isdigit() and any(t[j] in units for j in range(i + 1, min(len(t), i + 3)))]
    if not s:
        return text
    i = rng.choice(s)
    t[i] = str(rng.choice([0, 1, 999999, 1000000, 9000, 100000, 60 * 24 * 366 * 8000]))
    if rng.random() < 0.4:
        for j in range(i + 1, min(len(t), i + 3)):
            if t[j] in units:
                t[j] = rng.choice(["minutes", "hours", "days", "working days", "months", "years"])
                break
    return "".join(t)


def rm_table_key(rng, text, c):
    """A table row looked up with a key that is not in it, a constant or a fact's attribute."""
    key = rng.choice(["999999", "0", "-1", "30", "s.subproject + 100", "1.5", '"a"', "true", "installment_1"])
    return text.replace("subprojects[", f"subprojects[{key} + 0 * ", 1) if rng.random() < 0.3 else \
        text + f'\nverify subprojects[{key}].fee >= ¥0.00 "fuzz"\n'


_BLOCK_START = re.compile(r"^\s*(clause|条款|obligation|义务|remedy|救济|deemed|视为|event|事件|table|表|effective|生效|"
                          r"termination|解除|finding|提示)\b.*\{\s*$")


def _block(ls, i):
    """The lines of the block that opens at line i (to its matching brace), or None."""
    depth = 0
    for j in range(i, len(ls)):
        line = re.sub(r'"[^"\n]*"|#.*', "", ls[j])
        depth += line.count("{") - line.count("}")
        if depth <= 0:
            return i, j + 1
    return None


def rm_block_delete(rng, text, c):
    """A whole clause, obligation, event, table… deleted (what refers to it is left dangling)."""
    ls = _lines(text)
    starts = [i for i, x in enumerate(ls) if _BLOCK_START.match(x)]
    if starts:
        b = _block(ls, rng.choice(starts))
        if b:
            del ls[b[0]:b[1]]
    return "\n".join(ls)


def rm_block_dup(rng, text, c):
    """A block repeated, as it is (duplicate names) or under a new name."""
    ls = _lines(text)
    starts = [i for i, x in enumerate(ls) if _BLOCK_START.match(x)]
    if starts:
        b = _block(ls, rng.choice(starts))
        if b:
            block = ls[b[0]:b[1]]
            if rng.random() < 0.6:
                block = [re.sub(r"^(\s*\w+\s+)(\w+|\"[^\"]*\")", lambda m: m.group(1) + (
                    m.group(2)[:-1] + '-2"' if m.group(2).startswith('"') else m.group(2) + "_2"), block[0], count=1)] \
                    + block[1:]
            j = rng.choice([b[1], b[0], rng.randint(0, len(ls))])
            ls[j:j] = block
    return "\n".join(ls)


LITERALS = {"money": ["¥0.00", "¥1.00", "¥349,000.00", "¥6,980,000.00", "¥999,999,999,999,999.99", "¥0.01"],
            "number": ["0", "1", "2", "29", "30", "100", "999999", "1.5"],
            "percent": ["0%", "5%", "100%", "0.1%", "1000%", "33.33%"],
            "date": ["2025-01-01", "2026-12-31", "1900-01-01", "9000-12-31", "2025-02-28", "2024-02-29", "1899-12-31"],
            "string": ['""', '"x"', '"甲方"', '"force_majeure"', '"payment"', '"once"', '"per day"', '"\\"']}


def _literal_kind(t):
    if t[0] in "¥￥":
        return "money"
    if t.endswith("%"):
        return "percent"
    if len(t) == 10 and t[4:5] == "-":
        return "date"
    if t[0].isdigit():
        return "number"
    if t[0] == '"':
        return "string"
    return None


def rm_literal(rng, text, c):
    """A literal replaced by another of its kind: the file still parses, its meaning moves."""
    t = tokens(text)
    s = _of(t, _literal_kind)
    if s:
        i = rng.choice(s)
        t[i] = rng.choice(LITERALS[_literal_kind(t[i])])
    return "".join(t)


OPERATORS = [[">=", "<=", ">", "<", "==", "!=", "≥", "≤", "≠"], ["+", "-"], ["and", "or", "且", "或"]]


def rm_operator(rng, text, c):
    t = tokens(text)
    ops = {o: group for group in OPERATORS for o in group}
    s = _of(t, lambda x: x in ops)
    if s:
        i = rng.choice(s)
        t[i] = rng.choice(ops[t[i]] if rng.random() < 0.8 else sum(OPERATORS, []))
    return "".join(t)


def rm_language(rng, text, c):
    """Keywords written in the other language (English ↔ Chinese): the same rules."""
    pairs = c.keyword_pairs
    t = tokens(text)
    s = _of(t, lambda x: x in pairs)
    for i in rng.sample(s, min(len(s), rng.choice([1, 5, len(s)]))):
        t[i] = pairs[t[i]]
    return "".join(t)


RULE_OPS = [(8, rm_block_delete), (5, rm_block_dup), (12, rm_literal), (6, rm_operator), (4, rm_language),
            (10, rm_line_delete), (6, rm_line_dup), (6, rm_line_swap), (4, rm_line_move), (10, rm_tok_delete),
            (6, rm_tok_dup), (8, rm_tok_swap), (8, rm_kw_insert), (8, rm_kw_replace), (6, rm_punct_insert),
            (8, rm_name_replace), (6, rm_nest), (4, rm_verify_nest), (2, rm_param_chain), (3, rm_period_self),
            (5, rm_long_number), (5, rm_odd_money), (4, rm_odd_digits), (8, rm_unicode), (2, rm_newlines),
            (2, rm_bom), (3, rm_truncate), (1, rm_repeat), (1, rm_huge_token), (8, rm_char_flip), (4, rm_splice),
            (5, rm_duration), (2, rm_table_key)]


def encode_rules(rng, text):
    """The bytes of a rule file in some encoding a user might save (or break) it in."""
    how = rng.choice(["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "gbk", "gb18030", "latin-1", "broken", "nul"])
    if how in ("gbk", "gb18030", "latin-1", "utf-16-le"):
        raw = text.encode(how, errors="replace")
    elif how == "broken":
        raw = text.encode("utf-8", errors="surrogatepass")
        i = rng.randrange(len(raw) + 1)
        raw = raw[:i] + rng.choice([b"\xff", b"\x80", b"\xc3", b"\xe4\xb8", b"\xed\xa0\x80", b"\xff\xfe"]) + raw[i:]
    elif how == "nul":
        raw = text.encode("utf-8", errors="surrogatepass") + b"\x00" * rng.choice([1, 1000])
    else:
        raw = text.encode(how, errors="surrogatepass")
    return raw, how


def gen_rules(rng, c: Corpus) -> dict:
    r = rng.random()
    if r < 0.45 or not c.small:
        base, text = "seed", c.seed_text
    elif r < 0.75:
        k = rng.randrange(len(c.small))
        base, text = f"small{k}", c.small[k]
    else:
        k = rng.randrange(len(c.docs))
        base, text = f"doc{k}", c.docs[k]
    labels = [base]
    for _ in range(n_ops(rng)):
        op = wpick(rng, RULE_OPS)
        text = op(rng, text, c)
        labels.append(op.__name__[3:])
    route = wpick(rng, [(70, "text"), (15, "api"), (15, "file")])
    case = dict(kind="rules", labels=labels, text=text, route=route, facts=rng.choice(c.stream_names),
                as_of=rng.choice(AS_OFS), lang=rng.choice(["zh", "en"]), render=rng.random() < 0.15)
    if route == "file":
        case["raw"], how = encode_rules(rng, text)
        labels.append(f"encoding:{how}")
    return case


# ================================================================================ fact mutations

_CANONICAL_MONEY = re.compile(r"[¥￥]?(?:[0-9]+|[0-9]{1,3}(?:,[0-9]{3})+)(?:\.[0-9]{1,2})?", re.ASCII)
_STRICT_MONEY = re.compile(r"(?:0|[1-9][0-9]*|[1-9][0-9]{0,2}(?:,[0-9]{3})+)(?:\.[0-9]{1,2})?", re.ASCII)
MAX_MONEY = Decimal("1e15")


def money_is_canonical(text: str) -> bool:
    """The one written form (issue 10, class 3): ASCII digits, commas only between groups of three,
    at most two decimals, no sign (a ¥ before it allowed, as the engine documents)."""
    return bool(_CANONICAL_MONEY.fullmatch(text))


def money_category(text: str) -> str:
    """Which rule of the written form a money string breaks (names the finding)."""
    body = text[1:] if text[:1] in "¥￥" else text
    if any(ch.isdigit() and not ch.isascii() for ch in body) or any(ch in NONASCII_DIGITS for ch in body):
        return "non_ascii_digit"
    if body[:1] and body[:1] in "-+\u2212":
        return "sign"
    if any(ch.isspace() for ch in body):
        return "whitespace"
    if "_" in body:
        return "underscore"
    if "e" in body.lower() and any(ch.isdigit() for ch in body):
        return "exponent"
    if re.fullmatch(r"[0-9,]*\.[0-9]{3,}", body):
        return "too_many_decimals"
    if "," in body:
        return "misplaced_comma"
    return "other"


ODD_MONEY = ["3490000,00", "3,4,9,0,0,0,0", "349,0000", "3_490_000", "１２３", "٣٤٩٠٠٠٠", "-1.00", "−1.00", "+1", "1e9",
             "1E3", "1.234", "0.001", ".5", "5.", " 1", "1 ", "1\u3000", "¥ 1", "￥-1", "0,000", "1,00", "1,000,00",
             "1.2.3", "NaN", "Infinity", "inf", "0x10", "1_000", "", "¥", ",", "1,,000", ",100", "100,", "1.00 元",
             "１,０００.００", "1,000.001", "٫", "1\u00a0000", "1'000", "1 000", "3490000.00\n", "3490000.000",
             "3490000." + "0" * 28 + "1", "0." + "9" * 30, "¥¥1", "1,000.00¥", "３４９００００.００", "1٫5", "1.5e1",
             "0e0", "-0", "-0.00", "1,234,567.891", "12,34,567.89", "1234,567.89", "०१", "²", "⑴"]


def money_string(rng):
    """A money string and whether it is canonical."""
    r = rng.random()
    if r < 0.25:  # canonical, in the strict form the engine reads (no leading zeros), below the bound
        n = rng.choice([0, 1, 9, 10, 349000, 3490000, 6980000, 10 ** 14 - 1, 999_999_999_999_999,
                        rng.randrange(10 ** rng.randint(1, 15))])
        text = f"{n:,}" if rng.random() < 0.5 else str(n)
        text += rng.choice(["", ".0", ".00", f".{rng.randrange(100):02d}", f".{rng.randrange(10)}"])
        if rng.random() < 0.1:
            text = rng.choice("¥￥") + text
        return text, "canonical"
    if r < 0.55:
        return rng.choice(ODD_MONEY), "list"
    if r < 0.8:  # a canonical amount with one thing changed
        n = rng.randrange(10 ** rng.randint(1, 12))
        text = f"{n:,}.{rng.randrange(100):02d}" if rng.random() < 0.5 else f"{n}.{rng.randrange(100):02d}"
        i = rng.randrange(len(text) + 1)
        kind = rng.randrange(7)
        if kind == 0:
            text = text[:i] + rng.choice(",._ -+eE'\u3000\u00a0") + text[i:]
        elif kind == 1:
            ds = [j for j, ch in enumerate(text) if ch.isdigit()]
            j = rng.choice(ds)
            text = text[:j] + NONASCII_DIGITS[rng.randrange(len(NONASCII_DIGITS))] + text[j + 1:]
        elif kind == 2:
            text += str(rng.randrange(10)) * rng.randint(1, 30)
        elif kind == 3:
            text = rng.choice(["-", "−", "+", "0", "00"]) + text
        elif kind == 4:
            text = text.replace(",", "")
            j = rng.randrange(1, max(2, len(text)))
            text = text[:j] + "," + text[j:]
        elif kind == 5:
            text = text.replace(".", ",")
        else:
            text = text + rng.choice([" ", "元", "\n", "\t", ".", ",", "e1", "%"])
        return text, "changed"
    return "".join(rng.choice("0123456789,.-+e _¥１٣") for _ in range(rng.randint(1, 12))), "random"


def money_json(rng):
    """A money value as a JSON number (Raw) rather than a string."""
    return Raw(rng.choice(["3490000.00", "3490000", "1e9", "1.5e1", "1E+2", "-0", "-0.00", "1.234", "0.001", "9" * 5000,
                           "1E400", "1e-400", "0.10", "3490000.0", "-1", "1" + "0" * 15, "999999999999999.99",
                           "123.4500", "0e5", "12345678901234567890"]))


def date_string(rng, with_time=True):
    r = rng.random()
    if r < 0.35:  # valid, in the years a deadline can be counted in, in some written form
        y = rng.choice([1900, 1901, 2024, 2025, 2026, 2027, 2100, 8999, 9000, rng.randint(1900, 9000)])
        mo, d = rng.randint(1, 12), rng.randint(1, 28)
        if not with_time:
            return f"{y:04d}-{mo:02d}-{d:02d}", "valid"
        h, mi, s = rng.randint(0, 23), rng.randint(0, 59), rng.randint(0, 59)
        off = rng.choice(["+08:00", "", "Z", "+00:00", "-05:00", "+14:00", "-12:00", "+05:45", "+08:00"])
        if y in (1900, 9000) and off not in ("+08:00", ""):
            off = "+08:00"  # (an offset could move the instant out of the years accepted)
        sep = rng.choice(["T", "T", " "])
        frac = rng.choice(["", "", ".5", ".123456"])
        return (f"{y:04d}-{mo:02d}-{d:02d}" + (f"{sep}{h:02d}:{mi:02d}:{s:02d}{frac}{off}"
                                               if rng.random() < 0.8 else "")), "valid"
    if r < 0.55:
        return rng.choice(["2025-02-30", "2025-02-29", "2023-02-29", "1900-02-29", "2025-04-31", "2025-13-01",
                           "2025-00-10", "2025-06-00", "2025-06-31T10:00:00+08:00", "2100-02-29T00:00:00"]), "no_such_day"
    return rng.choice(["0001-01-01", "9999-12-31", "9999-12-31T23:59:59-23:59", "0001-01-01T00:00:00+23:59",
                       "9999-12-31T23:59:59.999999+08:00", "1899-12-31T23:59:59+08:00", "9000-12-31T23:00:00-05:00",
                       "1900-01-01T00:00:00+09:00", "2025-07-04T24:00:00", "２０２５-07-04", "2025-07-04T10:00:00+25:00",
                       "20250704", "2025-W27-5", "2025-185", "", "   2025-07-04   ", "2025-07-04\u2028",
                       "2025-07-04T10:00:00.1234567+08:00", "2025-07-04T10:00", "2025-07-04T10", "2025-7-4",
                       "2025/07/04", "2025年7月4日", "2025-07-04T10:00:00+08", "2025-07-04T10:00:00+0800",
                       "2025-07-04t10:00:00+08:00", "2025-07-04T10:00:00+08:00:00", "2025-07-04T10:00:00 +08:00",
                       "-2025-07-04", "+2025-07-04", "10000-01-01", "2025-07-04T10:00:00+08:00\x00", "\ud800"]), "odd"


def deep_json(rng):
    d = rng.choice([10, 99, 100, 101, 500, 999, 1000, 5000, 50000])
    if rng.random() < 0.5:
        return Raw("[" * d + "]" * d)
    return Raw('{"a": ' * d + "1" + "}" * d)


def odd_json(rng):
    return rng.choice([None, True, False, Raw("0"), Raw("-1"), Raw("1e400"), Raw("-0"), Raw("1.5"), Raw("NaN"),
                       Raw("Infinity"), Raw("-Infinity"), Raw("9" * rng.choice([20, 4300, 4301, 10000])),
                       Raw("-" + "9" * 5000), "", " ", "\ud800", "\x00", "١", [], Obj(), [Raw("1")],
                       Obj([["a", Raw("1")]]), "x" * rng.choice([100, 10_000, 1_000_000]), "甲方", "true", "1",
                       "null", "3490000.00", deep_json(rng)])


INT_KEYS = {"installment", "count", "subproject"}
MONEY_KEYS = {"amount"}
ENUM_KEYS = {"kind", "purpose", "cause", "method", "ground"}
BOOL_KEYS = {"passed", "local"}
PARTY_KEYS = {"party", "found_by", "from", "to"}
DATE_KEYS = {"valid_until"}
DATETIME_KEYS = {"signed_at"}
TEXT_KEYS = {"subject"}


class FactCase:
    """A stream being mutated: its lines (str, or an Obj to be written out), and what a single
    mutation guarantees about the result (``must``) or what the reading must preserve (``checks``)."""

    def __init__(self, rng, c, name):
        self.rng, self.c, self.name = rng, c, name
        lines, objs, refs = c.streams[name]
        self.lines = list(lines)
        self.objs = list(objs)  # parsed (shared; copy before changing)
        self.refs = refs
        self.must = None  # ("refuse" | "accept" | "same_verdicts", why)
        self.checks = []  # ("money", id, type, written) | ("number", id, type, key, raw)
        self.ascii = rng.random() < 0.3

    def pick_obj(self, want_key=None):
        idx = [i for i, o in enumerate(self.objs) if o is not None and (want_key is None or any(
            k in want_key for k, _ in o))]
        if not idx:
            return None, None
        i = self.rng.choice(idx)
        o = Obj([list(p) for p in self.objs[i]])
        return i, o

    def put(self, i, o):
        self.objs[i] = o
        self.lines[i] = jdump(o, self.ascii)

    def text(self):
        return "\n".join(self.lines) + ("\n" if self.rng.random() < 0.8 else "")


def _set(o: Obj, key, value):
    for p in o:
        if p[0] == key:
            p[1] = value
            return
    o.append([key, value])


def fm_money(f: FactCase):
    i, o = f.pick_obj(MONEY_KEYS)
    if i is None:
        return
    if f.rng.random() < 0.8:
        text, how = money_string(f.rng)
        _set(o, "amount", text)
        f.checks.append(("money", obj_get(o, "id"), obj_get(o, "type"), text))
        if how == "canonical" and _STRICT_MONEY.fullmatch(text.lstrip("¥￥")) and \
                Decimal(text.lstrip("¥￥").replace(",", "")) < MAX_MONEY:
            f.must = ("accept", "canonical_money")
        elif not money_is_canonical(text):
            f.must = ("refuse", "money:" + money_category(text))
    else:
        raw = money_json(f.rng)
        _set(o, "amount", raw)
        f.checks.append(("number", obj_get(o, "id"), obj_get(o, "type"), "amount", raw.text))
    f.put(i, o)


def fm_int(f: FactCase):
    i, o = f.pick_obj(INT_KEYS)
    if i is None:
        return
    key = next(k for k, _ in o if k in INT_KEYS)
    v = f.rng.choice([Raw("0"), Raw("-1"), Raw("4"), Raw("30"), Raw("1.0"), Raw("1e0"), Raw("9" * 5000),
                      Raw("-" + "9" * 5000), Raw("9" * 4301), "1", "１", True, None, [Raw("1")], Raw("1E400"),
                      Raw("2"), Raw("3"), Raw("29"), Raw("1000000000000000000000"), Raw("-0"), Raw("01")])
    _set(o, key, v)
    f.put(i, o)


def fm_at(f: FactCase):
    i, o = f.pick_obj({"at"})
    if i is None:
        return
    text, how = date_string(f.rng)
    _set(o, "at", text)
    if how == "no_such_day":
        f.must = ("refuse", "no_such_day")
    elif how == "valid" and not f.refs:  # (moving a fact in time may reorder refs: no promise then)
        f.must = ("accept", "valid_instant")
    f.put(i, o)


def fm_date_attr(f: FactCase):
    keys = DATE_KEYS | DATETIME_KEYS
    i, o = f.pick_obj(keys)
    if i is None:
        return
    key = next(k for k, _ in o if k in keys)
    text, how = date_string(f.rng, with_time=key in DATETIME_KEYS)
    _set(o, key, text)
    if how == "no_such_day":
        f.must = ("refuse", "no_such_day")
    f.put(i, o)


def fm_id(f: FactCase):
    i, o = f.pick_obj({"id"})
    if i is None:
        return
    old = obj_get(o, "id")
    r = f.rng.random()
    if r < 0.3 and isinstance(old, str) and old not in f.refs:
        ch = f.rng.choice(["\u2028", "\u2029", "\x85", "\u3000", "中", "\U0001F600"])
        j = f.rng.randrange(len(old) + 1)
        _set(o, "id", old[:j] + ch + old[j:])
        if not any(obj_get(x, "id") == old[:j] + ch + old[j:] for x in f.objs if x is not None):
            f.must = ("accept", "odd_char_in_id")
    else:
        v = f.rng.choice(["", " ", "\ud800", "f-\udc00x", "\x00", "\u202eevil", "x" * 100_000, Raw("1"), None,
                          [], Obj(), True, "f-001", "oa-001", "fm-001", "\n", "a\u2028b"])
        _set(o, "id", v)
        if v == "" or v is None or isinstance(v, (Raw, list, bool)):
            f.must = ("refuse", "bad_id")
    f.put(i, o)


def fm_type(f: FactCase):
    i, o = f.pick_obj({"type"})
    if i is None:
        return
    old = obj_get(o, "type")
    v = f.rng.choice(["", "Contract_Signed", f"{old} ", f" {old}", f"{old}\u200b", "payment_made", "staff_onsite",
                      "invoice_received", "notice_sent", "unknown_type", "deemed_acceptance", "contract_effective",
                      "pay_installment_1", Raw("1"), None, [old], "\ud800", old.upper() if isinstance(old, str) else "",
                      "termination_notified", "force_majeure_certified", "合同签字盖章"])
    _set(o, "type", v)
    if v in ("", "unknown_type", "deemed_acceptance", "contract_effective", "pay_installment_1", None, "\ud800") \
            or isinstance(v, (Raw, list)) or (isinstance(v, str) and v != old and v.strip() == old):
        f.must = ("refuse", "bad_type")
    f.put(i, o)


def fm_ref(f: FactCase):
    i, o = f.pick_obj({"ref"})
    if i is None:
        i, o = f.pick_obj()
        if i is None:
            return
    fid = obj_get(o, "id")
    r = f.rng.random()
    if r < 0.4 and obj_get(o, "type") in ("notice_sent", "force_majeure_certified"):
        _set(o, "ref", fid)
        f.must = ("refuse", "self_ref")
    else:
        ids = [obj_get(x, "id") for x in f.objs if x is not None]
        _set(o, "ref", f.rng.choice(ids + ["nope", "", None, Raw("1"), "\ud800"]))
    f.put(i, o)


def fm_enum(f: FactCase):
    keys = ENUM_KEYS | BOOL_KEYS | PARTY_KEYS | TEXT_KEYS
    i, o = f.pick_obj(keys)
    if i is None:
        return
    key = f.rng.choice([k for k, _ in o if k in keys])
    old = obj_get(o, key)
    v = f.rng.choice([f"{old} " if isinstance(old, str) else "x", f"{old}\u200b" if isinstance(old, str) else "x",
                      "Vat_ordinary", "vat_special", "supplier", "buyer", "甲方", "乙方", "甲方 ", "乙", "丙方", "buyer",
                      "true", Raw("1"), Raw("0"), True, False, None, "是", "", "\ud800", [old], "x" * 10_000,
                      "force_majeure", "data_leak"])
    _set(o, key, v)
    f.put(i, o)


def fm_any_value(f: FactCase):
    i, o = f.pick_obj()
    if i is None:
        return
    j = f.rng.randrange(len(o))
    o[j][1] = odd_json(f.rng)
    f.put(i, o)


def fm_deep(f: FactCase):
    i, o = f.pick_obj()
    if i is None:
        return
    if f.rng.random() < 0.5:
        o.append([f.rng.choice(["amount", "extra", "count"]), deep_json(f.rng)])
    else:
        o[f.rng.randrange(len(o))][1] = deep_json(f.rng)
    f.put(i, o)


def fm_key_delete(f: FactCase):
    i, o = f.pick_obj()
    if i is None:
        return
    j = f.rng.randrange(len(o))
    key = o[j][0]
    del o[j]
    if key in ("id", "type", "at"):
        f.must = ("refuse", f"missing_{key}")
    f.put(i, o)


def fm_key_add(f: FactCase):
    i, o = f.pick_obj()
    if i is None:
        return
    keys = {k for k, _ in o}
    key = f.rng.choice(["extra", "Amount", "amount ", "note", "ID", "at\u200b", "\ud800", "", "installment", "party",
                        "ref", "signed_at", "count", "__proto__", "id\x00"])
    if key in keys:
        return
    o.insert(f.rng.randrange(len(o) + 1), [key, f.rng.choice(["x", Raw("1"), None, True])])
    etype = obj_get(o, "type")
    declared = set(_DECLARED.get(etype, ())) if isinstance(etype, str) else set()
    if key not in declared:
        f.must = ("refuse", "unknown_key")
    f.put(i, o)


# The attributes each seed event declares (for the "unknown key" promise).
_DECLARED = {"contract_signed": ("party",), "staff_onsite": ("count",),
             "payment_application_received": ("installment", "amount"),
             "invoice_received": ("installment", "amount", "kind"), "payment_made": ("installment", "amount"),
             "guarantee_submitted": ("purpose", "amount", "valid_until"),
             "notice_sent": ("from", "to", "subject", "method", "local", "ref", "signed_at"),
             "force_majeure_occurred": ("party",), "force_majeure_certified": ("ref",),
             "confidentiality_breach": ("party",), "termination_notified": ("party", "ground"),
             "address_changed": ("party",), "data_leak_discovered": ("cause", "found_by"),
             "security_incident_found": ("found_by",), "service_interruption_started": ("subproject", "cause"),
             "service_interruption_resolved": ("subproject",), "acceptance_review_completed": ("passed",),
             "acceptance_held": ("passed",)}


def fm_key_dup(f: FactCase):
    i, o = f.pick_obj()
    if i is None:
        return
    j = f.rng.randrange(len(o))
    k, v = o[j]
    o.insert(f.rng.randrange(len(o) + 1), [k, v if f.rng.random() < 0.5 else odd_json(f.rng)])
    f.must = ("refuse", "duplicate_key")
    f.put(i, o)


def fm_key_rename(f: FactCase):
    i, o = f.pick_obj()
    if i is None:
        return
    j = f.rng.randrange(len(o))
    k = o[j][0]
    new = f.rng.choice([k.upper(), k + " ", " " + k, k + "\u200b", k[:-1], k + "s", "\ufeff" + k])
    if new == k or any(x == new for x, _ in o):
        return
    o[j][0] = new
    f.must = ("refuse", "renamed_key")
    f.put(i, o)


def fm_key_reorder(f: FactCase):
    i, o = f.pick_obj()
    if i is None:
        return
    f.rng.shuffle(o)
    f.must = ("accept", "keys_reordered")
    f.put(i, o)


def fm_split_line(f: FactCase):
    i = f.rng.randrange(len(f.lines))
    line = f.lines[i]
    j = f.rng.randrange(len(line) + 1)
    f.lines[i:i + 1] = [line[:j], line[j:]]
    f.objs[i:i + 1] = [None, None]


def fm_join_lines(f: FactCase):
    if len(f.lines) < 2:
        return
    i = f.rng.randrange(len(f.lines) - 1)
    f.lines[i:i + 2] = [f.lines[i] + f.rng.choice(["", " ", "\r", "\u2028", "\x85"]) + f.lines[i + 1]]
    f.objs[i:i + 2] = [None]


def fm_insert_char(f: FactCase):
    i = f.rng.randrange(len(f.lines))
    line = f.lines[i]
    j = f.rng.randrange(len(line) + 1)
    f.lines[i] = line[:j] + f.rng.choice(ODD_CHARS) + line[j:]
    f.objs[i] = None


def fm_crlf(f: FactCase):
    f.lines = [x + "\r" for x in f.lines]
    f.must = ("accept", "crlf")


def fm_bom(f: FactCase):
    f.lines[0] = "\ufeff" + f.lines[0]
    f.must = ("accept", "bom")


def fm_blank_comment(f: FactCase):
    for _ in range(f.rng.randint(1, 5)):
        i = f.rng.randint(0, len(f.lines))
        extra = f.rng.choice(["", "   ", "\t", "// a comment", "  // 注释 {\"id\": 1}", "\r"])
        f.lines.insert(i, extra)
        f.objs.insert(i, None)
    f.must = ("accept", "blank_and_comment_lines")


def fm_dup_line(f: FactCase):
    i = f.rng.randrange(len(f.lines))
    j = f.rng.randint(0, len(f.lines))
    f.lines.insert(j, f.lines[i])
    f.objs.insert(j, f.objs[i])
    f.must = ("accept", "fact_repeated")


def fm_dup_changed(f: FactCase):
    i, o = f.pick_obj()
    if i is None:
        return
    j = f.rng.randrange(len(o))
    if o[j][0] == "id":
        return
    o[j][1] = odd_json(f.rng) if f.rng.random() < 0.5 else "changed"
    f.lines.append(jdump(o, f.ascii))
    f.objs.append(o)


def fm_shuffle(f: FactCase):
    order = list(range(len(f.lines)))
    f.rng.shuffle(order)
    f.lines = [f.lines[k] for k in order]
    f.objs = [f.objs[k] for k in order]
    f.must = ("same_verdicts", "shuffled")


def fm_delete_line(f: FactCase):
    i = f.rng.randrange(len(f.lines))
    del f.lines[i], f.objs[i]


def fm_truncate(f: FactCase):
    i = f.rng.randrange(len(f.lines))
    f.lines[i] = f.lines[i][:f.rng.randrange(len(f.lines[i]) + 1)]
    del f.lines[i + 1:], f.objs[i + 1:]
    f.objs[i] = None


def fm_garbage(f: FactCase):
    g = f.rng.choice(["{", "}", "[]", "null", "1", '"x"', "{}", "{\"id\"}", "\x00", "\ud800", "nul", "{'id': 1}",
                      "[{\"id\": \"a\"}]", "x" * 100_000, "{" * 100_000, "\u2028", "\x1a", "\ufeff\ufeff{}"])
    i = f.rng.randint(0, len(f.lines))
    f.lines.insert(i, g)
    f.objs.insert(i, None)


def fm_huge_stream(f: FactCase):
    """Many facts of one kind (an aggregate over one type grows with the history)."""
    i, o = f.pick_obj()
    if i is None:
        return
    n = f.rng.choice([100, 1000, 5000, 20000])
    tmpl = jdump(o, False)
    n = min(n, max(1, 20_000_000 // max(1, len(tmpl))))  # (a stream of at most ~20 MB: an earlier mutation
    # may have made the line itself huge — 20,000 copies of a 100 kB id made a 2 GB case, seed 4)
    fid = obj_get(o, "id")
    if not isinstance(fid, str) or json.dumps(fid) not in tmpl:
        return
    key = json.dumps(fid)
    f.lines.extend(tmpl.replace(key, json.dumps(f"{fid}-{k}"), 1) for k in range(n))
    f.objs.extend([None] * n)


FACT_OPS = [(20, fm_money), (6, fm_int), (8, fm_at), (4, fm_date_attr), (6, fm_id), (5, fm_type), (3, fm_ref),
            (6, fm_enum), (6, fm_any_value), (2, fm_deep), (4, fm_key_delete), (4, fm_key_add), (3, fm_key_dup),
            (2, fm_key_rename), (2, fm_key_reorder), (3, fm_split_line), (3, fm_join_lines), (5, fm_insert_char),
            (1, fm_crlf), (1, fm_bom), (1, fm_blank_comment), (2, fm_dup_line), (2, fm_dup_changed), (2, fm_shuffle),
            (2, fm_delete_line), (1, fm_truncate), (2, fm_garbage), (0.15, fm_huge_stream)]


def _still_true(f: FactCase):
    """The checks whose line is still, after every mutation, the one fact of its id with the amount
    the check recorded (a later mutation may have changed or dropped it)."""
    by_id = collections.defaultdict(list)
    for o in f.objs:
        if o is not None and isinstance(obj_get(o, "id"), str):
            by_id[obj_get(o, "id")].append(o)
    kept = []
    for check in f.checks:
        objs = by_id.get(check[1], []) if isinstance(check[1], str) else []
        if len(objs) != 1 or sum(1 for k, _ in objs[0] if k == "amount") != 1:
            continue
        v = obj_get(objs[0], "amount")
        if (check[0] == "money" and isinstance(v, str) and v == check[3]) or \
                (check[0] == "number" and isinstance(v, Raw) and v.text == check[4]):
            kept.append(check)
    return kept


def gen_facts(rng, c: Corpus) -> dict:
    f = FactCase(rng, c, rng.choice(c.stream_names))
    labels = [f.name]
    n = n_ops(rng)
    for _ in range(n):
        if not f.lines:
            break
        op = wpick(rng, FACT_OPS)
        op(f)
        assert len(f.lines) == len(f.objs), op
        labels.append(op.__name__[3:])
    route = wpick(rng, [(85, "lines"), (12, "report"), (3, "file")])
    case = dict(kind="facts", labels=labels, text=f.text(), route=route, as_of=rng.choice(AS_OFS),
                lang=rng.choice(["zh", "en"]), checks=_still_true(f), must=f.must if n == 1 else None, stream=f.name,
                render=rng.random() < 0.03)
    if route == "file":
        how = rng.choice(["utf-8", "utf-8-sig", "utf-16", "gb18030"])
        case["raw"] = case["text"].encode(how, errors="surrogatepass" if how.startswith("utf") else "replace")
        labels.append(f"encoding:{how}")
        case["must"] = None if how == "gb18030" else case["must"]
    return case


# =================================================================================== API arguments

# Arguments of the API, each with the kind of Python value it is: "path", "str", "compiled", "lines"
# (an iterable of str), "dicts" (an iterable of dicts), "date", "datetime", "map" (a mapping of
# str to str) — or "other", a type no signature documents.
RULES_ARGS = [(5, "Path(SEED)", "path"), (5, "TEXT", "str"), (5, "RULES", "compiled"), (1, "None", "other"),
              (1, "0", "other"), (1, "1.5", "other"), (1, "TEXT.encode()", "other"), (1, "{}", "other"),
              (1, "[]", "other"), (1, "str(SEED)", "str"), (1, "'rules/gzmz-2025-it-ops.qy'", "str"),
              (1, "Path('/dev/null')", "path"), (1, "Path(TMP) / 'nope.qy'", "path"), (1, "Path(TMP)", "path"),
              (1, "TEXT + '\\ud800'", "str"), (1, "'x' * 1_000_000", "str"), (1, "TEXT * 3", "str"),
              (1, "TEXT.replace('\\n', '\\r')", "str"), (1, "Path(TMP) / 'utf16.qy'", "path"),
              (1, "Path(TMP) / 'gbk.qy'", "path"), (1, "Path(TMP) / 'broken.qy'", "path"),
              (1, "Path(TMP) / 'bom.qy'", "path"), (1, "Str(TEXT)", "str"), (1, "bytearray(TEXT.encode())", "other"),
              (1, "[TEXT]", "other"), (1, "''", "str"), (1, "'\\x00'", "str"), (1, "Path(TMP) / 'huge.qy'", "path"),
              (0.3, "Path('/dev/zero')", "path"), (0.3, "Path(TMP) / 'fifo'", "path"),
              (1, "PurePosixPath(SEED)", "other"),
              (1, "TEXT.replace('calendar official', 'calendar file \"/dev/zero\"')", "str"),
              (1, "TEXT.replace('calendar official', 'calendar file \"' + TMP + '\"')", "str")]
FACTS_ARGS = [(6, "FACTS", "lines"), (4, "TEXT_FACTS", "str"), (4, "DICTS", "dicts"), (3, "Path(FACTS_PATH)", "path"),
              (1, "None", "other"), (1, "0", "other"), (1, "1.5", "other"), (1, "b'{}'", "other"),
              (1, "TEXT_FACTS.encode()", "other"), (1, "DICTS[0]", "other"), (1, "iter(FACTS)", "lines"),
              (1, "(x for x in DICTS)", "dicts"), (1, "FACTS + [None]", "other"), (1, "DICTS + ['x']", "other"),
              (1, "[{'id': 1}]", "dicts"), (1, "[{1: 2}]", "dicts"), (1, "[[]]", "other"), (1, "[b'{}']", "other"),
              (1, "['{}'] * 1000", "lines"), (1, "'\\n' * 1_000_000", "str"), (1, "Path(TMP)", "path"),
              (1, "Path(TMP) / 'utf16.jsonl'", "path"), (1, "Path(TMP) / 'gbk.jsonl'", "path"),
              (1, "Path(TMP) / 'broken.jsonl'", "path"), (1, "''", "str"), (1, "'facts/late-payment.jsonl'", "str"),
              (1, "[]", "lines"), (1, "()", "lines"), (1, "{}", "other"), (1, "set(FACTS)", "lines"),
              (1, "[dict(d, at=datetime(2025, 6, 27, 10)) for d in DICTS]", "dicts"),
              (1, "[dict(d, at=date(1, 1, 1)) for d in DICTS]", "dicts"),
              (1, "[dict(d, at=datetime(9999, 12, 31, tzinfo=timezone.utc)) for d in DICTS]", "dicts"),
              (1, "[dict(d, amount=3490000.0) for d in DICTS if 'amount' in d]", "dicts"),
              (1, "[dict(d, amount=0.1 + 0.2) for d in DICTS if 'amount' in d]", "dicts"),
              (1, "[dict(d, amount=float('nan')) for d in DICTS if 'amount' in d]", "dicts"),
              (1, "[dict(d, amount=Decimal('1e400')) for d in DICTS if 'amount' in d]", "dicts"),
              (1, "[dict(d, amount=Decimal('3490000.00')) for d in DICTS if 'amount' in d]", "dicts"),
              (1, "[dict(d, amount=10 ** 5000) for d in DICTS if 'amount' in d]", "dicts"),
              (1, "[dict(d, id=d['id'] + '\\ud800') for d in DICTS]", "dicts"),
              (1, "[dict(d, extra=object()) for d in DICTS]", "dicts"), (1, "[dict(d, id=None) for d in DICTS]", "dicts"),
              (1, "DICTS * 2000", "dicts"), (1, "[Str(x) for x in FACTS]", "lines"),
              (0.3, "Path('/dev/zero')", "path"), (0.3, "Path(TMP) / 'fifo'", "path"), (1, "Path('/dev/null')", "path")]
AS_OF_ARGS = [(6, "'2025-12-31'", "str"), (3, "AS_OF", "str"), (1, "None", "other"), (1, "0", "other"),
              (1, "1", "other"), (1, "1.5", "other"), (1, "True", "other"), (1, "''", "str"), (1, "'2025-02-30'", "str"),
              (1, "'0001-01-01'", "str"), (1, "'9999-12-31T23:59:59+00:00'", "str"), (1, "date(1, 1, 1)", "date"),
              (1, "date(9999, 12, 31)", "date"), (1, "datetime(1, 1, 1)", "datetime"),
              (1, "datetime(9999, 12, 31, 23, 59, 59)", "datetime"), (1, "datetime(1, 1, 1, tzinfo=timezone.utc)", "datetime"),
              (1, "datetime(9999, 12, 31, 23, 59, 59, tzinfo=timezone.utc)", "datetime"),
              (1, "datetime(1, 1, 1, tzinfo=timezone(timedelta(hours=-23, minutes=-59)))", "datetime"),
              (1, "datetime(9999, 12, 31, tzinfo=timezone(timedelta(hours=23, minutes=59)))", "datetime"),
              (1, "datetime(2025, 7, 4, 10, tzinfo=timezone(timedelta(hours=8)))", "datetime"),
              (1, "datetime(2025, 7, 4, 10, tzinfo=NoOffset())", "datetime"), (1, "b'2025-12-31'", "other"),
              (1, "'２０２５-12-31'", "str"), (1, "'2025-12-31\\ud800'", "str"), (1, "'x' * 100_000", "str"),
              (1, "'2025-12-31T24:00:00'", "str"), (1, "datetime.min", "datetime"), (1, "datetime.max", "datetime"),
              (1, "date.min", "date"), (1, "date.max", "date"), (1, "time(10)", "other"), (1, "timedelta(1)", "other"),
              (1, "[2025, 12, 31]", "other"), (1, "Decimal('2025')", "other"), (1, "'2025-12-31 10:00'", "str"),
              (1, "'2025-12-31T10:00:00Z'", "str"), (1, "'2025-12-31T10:00:00+25:00'", "str"),
              (1, "'  2025-12-31  '", "str"), (1, "'9' * 5000", "str"), (1, "'2025-12-31T10:00:00.1234567+08:00'", "str"),
              (1, "Str('2025-12-31')", "str"), (1, "'2025-12-31.qy'", "str"), (1, "Date(2025, 12, 31)", "date"),
              (1, "'1899-12-31'", "str"), (1, "'9001-01-01'", "str"), (1, "'2100-02-29'", "str")]
LANG_ARGS = [(8, "'zh'", "str"), (8, "'en'", "str"), (1, "None", "other"), (1, "'ZH'", "str"), (1, "'fr'", "str"),
             (1, "''", "str"), (1, "0", "other"), (1, "b'zh'", "other"), (1, "['zh']", "other"), (1, "'zh\\x00'", "str"),
             (1, "'en '", "str"), (1, "'\\ud800'", "str"), (1, "Str('en')", "str"), (1, "'zh-CN'", "str")]
PATH_ARGS = [(5, "'<rules>'", "str"), (1, "'x.qy'", "str"), (1, "None", "other"), (1, "0", "other"),
             (1, "'\\ud800'", "str"), (1, "b'x'", "other"), (1, "Path('x')", "path"), (1, "''", "str"),
             (1, "'a' * 100_000", "str"), (1, "'/dev/zero'", "str")]


def _assume_args(a):
    return [(8, "None", "map"), (2, "{}", "map"), (2, f"{{{a!r}: '45 days'}}", "map"), (1, f"{{{a!r}: 45}}", "other"),
            (1, "{'nope': '1'}", "map"), (1, f"{{{a!r}: '\\ud800'}}", "map"), (1, f"{{{a!r}: '9' * 5000 + ' days'}}", "map"),
            (1, f"{{{a!r}: 'not ' * 1000 + 'true'}}", "map"), (1, "{1: 2}", "other"), (1, "[('a', 'b')]", "other"),
            (1, "'x'", "other"), (1, f"{{{a!r}: None}}", "other"), (1, f"{{{a!r}: '\"x\"'}}", "map"),
            (1, f"{{{a!r}: ''}}", "map"), (1, f"{{{a!r}: '45 days\\nparam x = 1'}}", "map"),
            (1, f"{{{a!r}: '45 days }} clause \"9\" {{'}}", "map"),
            (1, f"{{{a!r}: '(' * 1000 + '1' + ')' * 1000}}", "map"), (1, f"{{{a!r}: 'x' * 1_000_000}}", "map"),
            (1, "{'payment_term': '0 days'}", "map"), (1, "{'payment_term': '999999 years'}", "map"),
            (1, "{'payment_term': '-5 days'}", "map"), (1, "{'payment_term': '1.5 days'}", "map"),
            (1, "{'payment_term': '５ days'}", "map"), (1, f"{{{a!r}: 'dispatch'}}", "map"),
            (1, "{'notice_effective': 'dispatch', 'payment_term': '1 hours'}", "map")]


def gen_api(rng, c: Corpus) -> dict:
    """A call of the public API with odd arguments, as Python source (which is its own reproducer).
    ``wrong_type`` says whether some argument is of a Python type its signature does not document
    (the issue allows a clear TypeError there; the oracle still counts anything but QiyueError)."""
    wrong = []

    def arg(pool, ok):
        _, expr, cls = wpick(rng, [(w, (w, e, k)) for w, e, k in pool])
        if cls not in ok:
            wrong.append(expr)
        return expr

    assume = _assume_args(rng.choice(c.assumptions))
    form = rng.randrange(10)
    if form == 0:
        code = f"result = qiyue.compile_rules({arg(RULES_ARGS, {'str'})}, {arg(PATH_ARGS, {'str'})}, " \
               f"assume={arg(assume, {'map'})})"
    elif form == 1:
        code = f"result = qiyue.compile_file({arg(RULES_ARGS, {'str', 'path'})}, assume={arg(assume, {'map'})})"
    elif form == 2:
        code = (f"result = RULES.report({arg(FACTS_ARGS, {'path', 'str', 'lines', 'dicts'})}, "
                f"{arg(AS_OF_ARGS, {'str', 'date', 'datetime'})}, lang={arg(LANG_ARGS, {'str'})})")
    elif form == 3:
        enc = rng.choice(["None", repr("utf-8"), "0", repr("x" * 100)])
        if enc == "0":
            wrong.append(enc)
        code = (f"result = RULES.evaluate({arg(FACTS_ARGS, {'lines'})}, {arg(AS_OF_ARGS, {'str', 'date', 'datetime'})}, "
                f"{arg(PATH_ARGS, {'str'})}, {enc}, lang={arg(LANG_ARGS, {'str'})})")
    elif form == 4:
        code = f"result = qiyue.parse_as_of({arg(AS_OF_ARGS, {'str'})})"
    elif form == 5:
        code = (f"result = RULES.run(RULES.load_facts({arg(FACTS_ARGS, {'lines'})}), "
                f"{arg(AS_OF_ARGS, {'str', 'date', 'datetime'})})")
    else:
        code = (f"result = qiyue.evaluate({arg(RULES_ARGS, {'path', 'str', 'compiled'})}, "
                f"{arg(FACTS_ARGS, {'path', 'str', 'lines', 'dicts'})}, {arg(AS_OF_ARGS, {'str', 'date', 'datetime'})}, "
                f"lang={arg(LANG_ARGS, {'str'})}, assume={arg(assume, {'map'})})")
    if rng.random() < 0.3:
        code += f"\nif isinstance(result, qiyue.Report): result.with_status({rng.choice(['violated', None, 1, ''])!r})"
    return dict(kind="api", labels=[code.split("(")[0].split("=")[-1].strip()], code=code, wrong_type=wrong,
                stream=rng.choice(c.stream_names), as_of=rng.choice(AS_OFS))


GENERATORS = {"rules": gen_rules, "facts": gen_facts, "api": gen_api}


def make_case(seed, kind, index) -> dict:
    case = GENERATORS[kind](case_rng(seed, kind, index), corpus())
    case.update(seed=seed, index=index)
    return case


# ========================================================================================= oracles

class CaseTimeout(BaseException):
    """Raised by the alarm: a case ran past the time bound (a BaseException, so no ``except
    Exception`` in the engine swallows it)."""


class Finding(Exception):
    def __init__(self, key, message):
        super().__init__(message)
        self.key = key


def frame_key(exc: BaseException) -> str:
    """The exception's type and its innermost frame in the project (else the innermost frame)."""
    frames = traceback.extract_tb(exc.__traceback__)
    theirs = [f for f in frames if not f.filename.endswith("bench/fuzz.py")] or frames  # (not the harness's)
    own = [f for f in theirs if f.filename.startswith(str(ROOT))]
    f = own[-1] if own else (theirs[-1] if theirs else None)
    if f is None:
        return type(exc).__name__
    name = f.filename
    name = name[len(str(ROOT)) + 1:] if name.startswith(str(ROOT)) else name.rsplit("site-packages/", 1)[-1]
    return f"{type(exc).__name__} at {name}:{f.name}"


def check_diagnostics(exc: QiyueError, sources: dict | None = None):
    """Every diagnostic has a code and a message and renders in both languages, briefly."""
    if not exc.diagnostics:
        raise Finding("bad_diagnostic:empty", "QiyueError without diagnostics")
    for d in exc.diagnostics:
        if not isinstance(d.code, str) or not d.code:
            raise Finding("bad_diagnostic:no_code", repr(d))
        if not isinstance(d.message, str) or not d.message:
            raise Finding(f"bad_diagnostic:no_message:{d.code}", repr(d)[:2000])
        for lang in ("zh", "en"):
            text = d.text(lang)
            if not isinstance(text, str) or not text:
                raise Finding(f"bad_diagnostic:no_text:{d.code}:{lang}", repr(d)[:2000])
            if len(text) > MAX_MESSAGE:
                raise Finding(f"long_message:{d.code}", f"{len(text)} characters in {lang}: {text[:300]}…")
            d.as_json(lang)
    for lang in ("zh", "en"):
        render_text(exc.diagnostics, sources or {}, lang)


def verdicts(report: dict):
    """What must not depend on the order the facts are listed in."""
    return (sorted((o["name"], o["clause"], o["trigger"], o["status"], o["triggered_at"], o["due"], o["fulfilled_at"])
                   for o in report["obligations"]),
            sorted((e["name"], e["clause"], e.get("source"), e["at"]) for e in report["events"]),
            sorted((r["name"], r.get("holder"), r.get("trigger"), r.get("since"), r.get("status"), r.get("amount"))
                   for r in report["remedies"]),
            json.dumps(report.get("contract_life"), sort_keys=True),
            sorted(f["code"] for f in report["findings"]))


def _render(report: dict, lang: str):
    from engine.report.html import render_html
    from engine.report.build import render

    render(report, lang).encode("utf-8", "backslashreplace")
    render(report, lang, inactive=True)
    render_html(report).encode("utf-8", "backslashreplace")


class Ctx:
    """What a worker keeps between cases."""

    def __init__(self):
        self.c = corpus()
        self.rules = self.c.compiled
        self.tmp = Path(tempfile.mkdtemp(prefix="qiyue-fuzz-"))
        self.stage = ""
        self._baselines = {}
        self._api_ns = None
        # --durable: every report that evaluates is made again on the durable backend, byte for byte the same
        self.durable = os.environ.get("QIYUE_FUZZ_DURABLE") == "1"
        if self.durable:
            from engine.live import available
            self.durable = available()

    def baseline(self, stream, as_of):
        key = (stream, as_of)
        if key not in self._baselines:
            lines = self.c.streams[stream][0]
            self._baselines[key] = verdicts(self.rules.evaluate(lines, as_of))
        return self._baselines[key]

    def api_namespace(self):
        if self._api_ns is None:
            self._api_ns = _api_files(self)
        return self._api_ns

    def close(self):
        shutil.rmtree(self.tmp, ignore_errors=True)


def _api_files(ctx: Ctx) -> dict:
    from datetime import date, datetime, time as dtime, timedelta, timezone, tzinfo
    from pathlib import PurePosixPath

    tmp = ctx.tmp
    text = ctx.c.seed_text
    (tmp / "utf16.qy").write_bytes(text.encode("utf-16"))
    (tmp / "gbk.qy").write_bytes(text.encode("gbk", errors="replace"))
    (tmp / "broken.qy").write_bytes(text.encode("utf-8")[:500] + b"\xff\xfe\x80" + text.encode("utf-8")[500:])
    (tmp / "bom.qy").write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    (tmp / "huge.qy").write_bytes(("# " + "x" * 100 + "\n").encode() * 20_000 + text.encode())
    facts = (ROOT / "facts" / "late-payment.jsonl").read_text(encoding="utf-8")
    (tmp / "utf16.jsonl").write_bytes(facts.encode("utf-16"))
    (tmp / "gbk.jsonl").write_bytes(facts.encode("gb18030"))
    (tmp / "broken.jsonl").write_bytes(facts.encode("utf-8") + b"\xff\n")
    if not (tmp / "fifo").exists():
        os.mkfifo(tmp / "fifo")

    class NoOffset(tzinfo):
        def utcoffset(self, dt):
            return None

        def dst(self, dt):
            return None

    class Str(str):
        pass

    class Date(date):
        pass

    return dict(qiyue=qiyue, Path=Path, PurePosixPath=PurePosixPath, date=date, datetime=datetime, time=dtime,
                timedelta=timedelta, timezone=timezone, Decimal=Decimal, NoOffset=NoOffset, Str=Str, Date=Date,
                SEED=str(SEED_RULES), TEXT=text, RULES=ctx.rules, TMP=str(tmp))


def same_on_durable(ctx: Ctx, compiled, facts, as_of, lang: str, report: dict, path: str = "<facts>") -> None:
    """--durable: the report again on the durable backend (issue 14), which must be the very same bytes."""
    if not ctx.durable:
        return
    stage, ctx.stage = ctx.stage, "durable"
    try:
        try:
            other = compiled.evaluate(facts, as_of, path, lang=lang, backend="durable")
        except QiyueError as exc:
            raise Finding(f"backends_differ:durable_refused:{exc.diagnostics[0].code}",
                          exc.diagnostics[0].text("en")) from None
        if json_bytes(other) != json_bytes(report):
            raise Finding("backends_differ:report", "the durable backend's report differs from the reference's")
    finally:
        ctx.stage = stage


def run_rules(case, ctx: Ctx) -> str:
    text, path = case["text"], "fuzz.qy"
    sources = {path: text}
    ctx.stage = "compile"
    try:
        if case["route"] == "file":
            p = ctx.tmp / "fuzz.qy"
            p.write_bytes(case["raw"])
            path = str(p)
            compiled = qiyue.compile_file(p)
        elif case["route"] == "api":
            lines = ctx.c.streams[case["facts"]][0]
            ctx.stage = "evaluate(text)"
            report = qiyue.evaluate(text, lines, case["as_of"], lang=case["lang"])
            ctx.stage = "as_dict"
            json.dumps(report.as_dict(), ensure_ascii=False)
            _rules_accepted(text)
            return "result"
        else:
            compiled = qiyue.compile_rules(text, path)
    except QiyueError as exc:
        ctx.stage = "diagnostics"
        check_diagnostics(exc, sources)
        return "diagnostic"
    ctx.stage = "accepted"
    if case["route"] != "file":
        _rules_accepted(text)
    ctx.stage = "synth_facts"
    if case["labels"][0] == "seed" and case["index"] % 2 == 0:
        facts = ctx.c.streams[case["facts"]][0]
    else:  # (a stream made from the mutant's own declarations: the seed's facts would not fit it)
        facts = synth_facts(compiled, random.Random(f"{case['seed']}:rules:{case['index']}:facts"))
    ctx.stage = "evaluate"
    try:
        report = compiled.evaluate(facts, case["as_of"], lang=case["lang"])
    except QiyueError as exc:
        ctx.stage = "diagnostics(evaluate)"
        check_diagnostics(exc, sources)
        return "diagnostic"
    ctx.stage = "json"
    json_bytes(report)  # (as `qiyue eval --format json` writes it)
    try:
        same_on_durable(ctx, compiled, facts, case["as_of"], case["lang"], report)
    finally:
        live = getattr(compiled, "_live_plan", None)
        if live is not None:
            live.close()  # (a mutant's rulesets: used once)
    if case["render"]:
        ctx.stage = "render"
        _render(report, case["lang"])
    return "result"


def synth_facts(compiled, rng) -> list[str]:
    """A fact stream for a rule file, made from its own event declarations (the fact schema): each
    type a few times, at instants spread over 2025–2027, its attributes of their declared types."""
    checked = compiled.checked
    parties = list(checked.parties) or ["x"]
    out, ids = [], []
    for e in checked.rules.events:
        for k in range(rng.choice([0, 1, 1, 2, 3])):
            fid = f"{e.name}-{k}"
            at = f"{rng.randint(2025, 2027)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}T" \
                 f"{rng.randint(0, 23):02d}:{rng.choice([0, 30]):02d}:00+08:00"
            fact = {"id": fid, "type": e.name, "at": at}
            for a in e.attrs:
                if (a.optional or a.has_default) and rng.random() < 0.3:
                    continue
                t = a.type
                if t.kind == "int":
                    low = t.low if t.low is not None else 0
                    high = t.high if t.high is not None else low + 10
                    v = rng.choice([low, high, (low + high) // 2])
                elif t.kind == "money":
                    v = rng.choice(["0.00", "1000.00", "349000.00", "3490000.00", "6980000.00", "1,396,000.00"])
                elif t.kind == "bool":
                    v = rng.random() < 0.5
                elif t.kind == "date":
                    v = at[:10]
                elif t.kind == "datetime":
                    v = at
                elif t.kind == "party":
                    v = rng.choice(parties)
                elif t.kind == "ref":
                    if not ids:
                        continue
                    v = rng.choice(ids)
                elif t.kind == "enum":
                    v = rng.choice(t.values)
                else:
                    v = rng.choice(["x", "force_majeure", "data_leak", "service_interruption"])
                fact[a.name] = v
            out.append(json.dumps(fact, ensure_ascii=False))
            ids.append(fid)
    rng.shuffle(out)
    return out


def _rules_accepted(text):
    """A rule file was accepted: its money literals must be canonical, its numbers in ASCII digits."""
    from engine.lang.parser import _parser, normalize_punctuation

    try:
        toks = list(_parser().lex(normalize_punctuation(text)))
    except Exception:  # (the basic lexer may refuse what the contextual one read: no verdict then)
        return
    for t in toks:
        v = str(t)
        if t.type == "MONEY":
            body = v[1:].lstrip() if v[1:2].isspace() else v[1:]
            if not money_is_canonical(body) or v[1:3].isspace():
                raise Finding(f"silent_acceptance:rule_money:{money_category(body)}", f"accepted money literal {v!r}")
        elif t.type in ("NUMBER", "PERCENT", "DATE") and not v.isascii():
            raise Finding(f"silent_acceptance:rule_number:{t.type}", f"accepted {t.type} {v!r}")


def run_facts(case, ctx: Ctx) -> str:
    text = case["text"]
    lines = split_lines(text)
    must, checks = case.get("must"), case["checks"]
    if (must or checks) and case["route"] != "file":
        ctx.stage = "load_facts"
        try:
            events = ctx.rules.load_facts(lines, "fuzz.jsonl")
        except QiyueError as exc:
            ctx.stage = "diagnostics"
            check_diagnostics(exc)
            if must and must[0] in ("accept", "same_verdicts"):
                codes = ",".join(sorted({d.code for d in exc.diagnostics}))
                raise Finding(f"wrong_refusal:{must[1]}:{codes}", exc.diagnostics[0].text("en"))
            return "diagnostic"
        _facts_accepted(case, events)
    ctx.stage = "evaluate"
    try:
        if case["route"] == "lines":
            report = ctx.rules.evaluate(lines, case["as_of"], "fuzz.jsonl", lang=case["lang"])
            same_on_durable(ctx, ctx.rules, lines, case["as_of"], case["lang"], report, "fuzz.jsonl")
        else:
            if case["route"] == "file":
                p = ctx.tmp / "fuzz.jsonl"
                p.write_bytes(case["raw"])
                typed = ctx.rules.report(p, case["as_of"], case["lang"])
            else:
                typed = ctx.rules.report(text, case["as_of"], case["lang"])
            ctx.stage = "as_dict"
            report = typed.as_dict()
    except QiyueError as exc:
        ctx.stage = "diagnostics(evaluate)"
        check_diagnostics(exc)
        if must and must[0] in ("accept", "same_verdicts") and not any(
                d.code in ("calendar_year_unknown", "out_of_range") for d in exc.diagnostics):
            codes = ",".join(sorted({d.code for d in exc.diagnostics}))
            raise Finding(f"wrong_refusal:{must[1]}:{codes}", exc.diagnostics[0].text("en"))
        return "diagnostic"
    ctx.stage = "json"
    json_bytes(report)  # (as `qiyue eval --format json` writes it)
    if must and must[0] == "same_verdicts":
        ctx.stage = "verdicts"
        if verdicts(report) != ctx.baseline(case["stream"], case["as_of"]):
            raise Finding("order_dependent_verdict", "the shuffled stream's verdicts differ from the original's")
    if case["render"]:
        ctx.stage = "render"
        _render(report, case["lang"])
    return "result"


def _facts_accepted(case, events):
    must = case.get("must")
    if must and must[0] == "refuse":
        raise Finding(f"silent_acceptance:{must[1]}", "accepted a stream one mutation made invalid")
    by_id = {(e.id, e.type): e for e in events}
    for check in case["checks"]:
        if check[0] == "money":
            _, fid, etype, written = check
            e = by_id.get((fid, etype))
            if e is None or e.attrs.get("amount") is None:
                continue
            got = e.attrs["amount"]
            if not money_is_canonical(written):
                raise Finding(f"silent_acceptance:money:{money_category(written)}",
                              f"amount {written!r} accepted as {got}")
            want = Decimal(written.lstrip("¥￥").replace(",", ""))
            if got != want:
                raise Finding("silent_misreading:money", f"amount {written!r} read as {got}")
        else:
            _, fid, etype, key, raw = check
            e = by_id.get((fid, etype))
            if e is None or e.attrs.get(key) is None:
                continue
            got = e.attrs[key]
            try:
                want = Decimal(raw)
            except InvalidOperation:
                raise Finding("silent_acceptance:money_number:not_a_number", f"{raw[:40]!r} accepted as {got}")
            if got != want or want < 0 or want >= MAX_MONEY or (want * 100) % 1 != 0:
                raise Finding("silent_acceptance:money_number:inexact",
                              f"JSON number {raw[:40]} accepted as {got}")


def run_api(case, ctx: Ctx) -> str:
    ns = dict(ctx.api_namespace())
    lines = ctx.c.streams[case["stream"]][0]
    ns.update(FACTS=list(lines), TEXT_FACTS="\n".join(lines) + "\n", DICTS=[json.loads(x) for x in lines],
              FACTS_PATH=str(ROOT / "facts" / f"{case['stream']}.jsonl"), AS_OF=case["as_of"])
    ctx.stage = "call"
    try:
        exec(case["code"], ns)
    except QiyueError as exc:
        ctx.stage = "diagnostics"
        check_diagnostics(exc)
        return "diagnostic"
    result = ns.get("result")
    ctx.stage = "result"
    if isinstance(result, qiyue.Report):
        json.dumps(result.as_dict(), ensure_ascii=False)
    elif isinstance(result, dict):
        json.dumps(result, ensure_ascii=False)
    return "result"


RUNNERS = {"rules": run_rules, "facts": run_facts, "api": run_api}


def _on_alarm(signum, frame):
    raise CaseTimeout()


def execute(case, ctx: Ctx, timeout: float | None):
    """Run one case under the time bound: ("result" | "diagnostic", None) or ("finding", finding)."""
    ctx.stage = "start"
    try:
        if timeout:
            signal.setitimer(signal.ITIMER_REAL, timeout)
        try:
            outcome = RUNNERS[case["kind"]](case, ctx)
        finally:
            if timeout:  # (disarmed before anything else: the handlers below must not be interrupted)
                signal.setitimer(signal.ITIMER_REAL, 0)
        return outcome, None
    except Finding as f:
        return "finding", _finding(case, f.key, f, ctx.stage)
    except CaseTimeout as exc:
        where = frame_key(exc).split(" at ", 1)[-1].split(":")[0]  # (the module: where it was cut off varies)
        return "timeout", _finding(case, f"timeout:{ctx.stage}:{where}", exc, ctx.stage)
    except BaseException as exc:  # noqa: BLE001 - every other exception is what we look for
        if isinstance(exc, KeyboardInterrupt):
            raise
        return "finding", _finding(case, frame_key(exc), exc, ctx.stage)


def _finding(case, key, exc, stage):
    tb = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
    if len(tb) > 200_000:
        tb = tb[:100_000] + "\n…\n" + tb[-100_000:]
    return dict(key=key, kind=case["kind"], index=case["index"], seed=case["seed"], labels=case["labels"],
                wrong_type=case.get("wrong_type") or [], stage=stage, exc_type=type(exc).__name__,
                message=str(exc)[:2000], traceback=tb, size=case_size(case))


def case_size(case):
    return len(case.get("text") or case.get("code") or "") + len(case.get("raw") or b"")


# ============================================================================== workers and a pool

def _rss_mb():
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2 ** 20


def _mapped_bytes():
    """The address space this process maps already (a worker forked from a large process, pytest's, inherits it)."""
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")


def _cap_address_space(mem_limit_mb):
    """At most ``mem_limit_mb`` more address space than is mapped now: a case reading without bound ends in
    MemoryError, and a worker forked from a process mapping more than the cap still has room to run (capped
    below what it maps, its stack could not grow: a segmentation fault, not a finding)."""
    limit = mem_limit_mb * 2 ** 20 + _mapped_bytes()
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def _peak_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def worker_main(wid, conn, status, cfg):
    """Run chunks of cases sent by the parent; findings are sent as they come, stats per chunk."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if cfg["mem_limit_mb"]:
        _cap_address_space(cfg["mem_limit_mb"])
    signal.signal(signal.SIGALRM, _on_alarm)
    try:
        ctx = Ctx()
    except Exception:  # noqa: BLE001 - nothing can run: the parent stops the run and says why
        conn.send(("error", "start", -1, traceback.format_exc()))
        raise SystemExit(3)
    seed, timeout = cfg["seed"], cfg["timeout"]
    warm = {k: 0 for k in KINDS}
    base_blocks = None  # Python's allocated memory blocks once every kind is warmed up (after a collection)
    peak_reported = growth_reported = False
    try:
        while True:
            task = conn.recv()
            if task is None:
                break
            kind, start, end = task
            stats = collections.Counter()
            slow = []
            t_chunk = time.monotonic()
            for i in range(start, end):
                status[3 * wid] = KINDS.index(kind)
                status[3 * wid + 1] = i
                status[3 * wid + 2] = time.monotonic()
                t0 = time.perf_counter()
                try:
                    case = make_case(seed, kind, i)
                except Exception as exc:  # noqa: BLE001 - a bug of the fuzzer itself: say so loudly
                    conn.send(("error", kind, i, traceback.format_exc()))
                    raise SystemExit(3) from exc
                before_peak = _peak_mb()
                outcome, finding = execute(case, ctx, timeout)
                dt = time.perf_counter() - t0
                stats[outcome] += 1
                slow.append((dt, i))
                if len(slow) > 20:
                    slow = sorted(slow, reverse=True)[:5]
                if finding is not None:
                    finding["case"] = _case_record(case)
                    finding["seconds"] = round(dt, 3)
                    conn.send(("finding", finding))
                peak = _peak_mb()
                if not peak_reported and peak > cfg["peak_mb"] and before_peak <= cfg["peak_mb"]:
                    peak_reported = True
                    f = _finding(case, f"memory:peak:{kind}", Finding("", f"peak RSS {before_peak:.0f} → {peak:.0f} MB "
                                                                          f"in one case"), "memory")
                    f["case"] = _case_record(case)
                    conn.send(("finding", f))
                if outcome == "timeout":
                    status[3 * wid + 1] = -1
                    conn.send(("stopped", kind, i + 1, end, dict(stats), sorted(slow, reverse=True)[:5],
                               time.monotonic() - t_chunk))
                    return
            warm[kind] += end - start
            # Memory that creeps: the blocks Python has allocated (every object, strings too), after a full
            # collection, against what they were once every kind of case had warmed the caches up.  (RSS
            # is no measure of it: the allocator keeps the arenas a large case once needed.)
            gc.collect()
            blocks = sys.getallocatedblocks()
            if base_blocks is None and all(warm[k] >= cfg["warmup"][k] for k in cfg["kinds"]):
                base_blocks = blocks
            grew = blocks - base_blocks if base_blocks is not None else 0
            if not growth_reported and grew > cfg["growth_blocks"]:
                growth_reported = True
                f = dict(key=f"memory:growth:{kind}", kind=kind, index=end - 1, seed=seed, labels=[], stage="memory",
                         exc_type="", message=f"{grew:,} more memory blocks live after {sum(warm.values()):,} cases "
                                              f"than after the warm-up ({base_blocks:,}); RSS {_rss_mb():.0f} MB",
                         traceback="", size=0, case=_case_record(make_case(seed, kind, end - 1)))
                conn.send(("finding", f))
            status[3 * wid + 1] = -1
            conn.send(("done", kind, start, end, dict(stats), sorted(slow, reverse=True)[:5],
                       time.monotonic() - t_chunk, _rss_mb(), _peak_mb(), (os.getpid(), base_blocks, blocks)))
    finally:
        ctx.close()


def _case_record(case):
    """The case as JSON (exact: strings with their escapes, bytes as latin-1)."""
    rec = {k: v for k, v in case.items() if k != "raw"}
    if "raw" in case:
        rec["raw_latin1"] = case["raw"].decode("latin-1")
    return rec


class Pool:
    """Workers that run chunks of cases; a watchdog kills one stuck past the bound and goes on."""

    def __init__(self, jobs, cfg, on_message):
        self.ctx = multiprocessing.get_context("fork")
        self.cfg, self.on_message = cfg, on_message
        self.status = self.ctx.RawArray("d", 3 * jobs)
        self.workers = [None] * jobs
        self.tasks = [None] * jobs
        for w in range(jobs):
            self._start(w)

    def _start(self, w):
        self.status[3 * w + 1] = -1
        parent, child = self.ctx.Pipe()
        p = self.ctx.Process(target=worker_main, args=(w, child, self.status, self.cfg), daemon=True)
        p.start()
        child.close()
        self.workers[w] = (p, parent)
        self.tasks[w] = None

    def run(self, tasks: collections.deque, deadline=None):
        while True:
            for w, (p, conn) in enumerate(self.workers):
                if self.tasks[w] is None and tasks and (deadline is None or time.monotonic() < deadline):
                    self.tasks[w] = tasks.popleft()
                    try:
                        conn.send(self.tasks[w])
                    except (BrokenPipeError, OSError):  # (it died: the watchdog hands the task to a new one)
                        pass
            if all(t is None for t in self.tasks):
                return
            conns = {conn: w for w, (p, conn) in enumerate(self.workers)}
            ready = multiprocessing.connection.wait(list(conns) + [p.sentinel for p, _ in self.workers], timeout=1.0)
            for r in ready:
                w = conns.get(r)
                if w is None:
                    continue
                try:
                    msg = r.recv()
                except (EOFError, OSError):
                    continue
                self._handle(w, msg, tasks)
            for w, (p, conn) in enumerate(self.workers):
                self._watch(w, p, conn, tasks)

    def _handle(self, w, msg, tasks):
        if msg[0] == "finding":
            self.on_message("finding", msg[1])
        elif msg[0] == "done":
            self.tasks[w] = None
            self.on_message("done", msg)
        elif msg[0] == "stopped":  # a timeout: the worker's state is not to be trusted; a new one goes on
            _, kind, nxt, end, stats, slow, secs = msg
            self.on_message("done", ("done", kind, None, None, stats, slow, secs, 0, 0))
            if nxt < end:
                tasks.appendleft((kind, nxt, end))
            p, conn = self.workers[w]
            p.join(10)
            if p.is_alive():
                p.kill()
                p.join()
            self._start(w)
        elif msg[0] == "error":
            raise RuntimeError(f"the fuzzer failed making case {msg[1]}:{msg[2]}:\n{msg[3]}")

    def _watch(self, w, p, conn, tasks):
        task = self.tasks[w]
        if task is None:
            return
        kind, start, end = task
        idx = int(self.status[3 * w + 1])
        stuck = idx >= 0 and time.monotonic() - self.status[3 * w + 2] > self.cfg["timeout"] + self.cfg["grace"]
        if p.is_alive() and not stuck:
            return
        while conn.poll():  # what it said before it went
            try:
                msg = conn.recv()
            except (EOFError, OSError):
                break
            self._handle(w, msg, tasks)
            if self.tasks[w] is None:
                return
        if p.is_alive():
            p.kill()
        p.join()
        how = "hang" if stuck else f"crash:exit{p.exitcode}"
        if idx >= 0:
            case = make_case(self.cfg["seed"], kind, idx)
            f = _finding(case, f"{how}:{kind}", Finding("", f"worker {'killed after' if stuck else 'died in'} case "
                                                            f"{kind}:{idx} (exit code {p.exitcode})"), how)
            f["case"] = _case_record(case)
            self.on_message("finding", f)
            done = idx - start + 1
            self.on_message("done", ("done", kind, None, None, {how.split(":")[0]: 1, "unknown": done - 1}, [], 0,
                                     0, 0))
            if idx + 1 < end:
                tasks.appendleft((kind, idx + 1, end))
        else:
            tasks.appendleft(task)
        self._start(w)

    def close(self):
        for p, conn in self.workers:
            try:
                conn.send(None)
            except (BrokenPipeError, OSError):
                pass
        for p, conn in self.workers:
            p.join(10)
            if p.is_alive():
                p.kill()


CHUNK = {"rules": 25, "facts": 500, "api": 20}


def plan(counts):
    """Chunks of every kind, interleaved so that each kind advances at the same pace."""
    chunks = {k: [(k, s, min(s + CHUNK[k], n)) for s in range(0, n, CHUNK[k])] for k, n in counts.items() if n}
    out = collections.deque()
    pos = {k: 0 for k in chunks}
    while any(pos[k] < len(chunks[k]) for k in chunks):
        # the kind furthest behind (as a fraction of its chunks) goes next
        k = min((k for k in chunks if pos[k] < len(chunks[k])), key=lambda k: pos[k] / len(chunks[k]))
        out.append(chunks[k][pos[k]])
        pos[k] += 1
    return out


def _slug(key):
    return re.sub(r"[^A-Za-z0-9_.-]+", "_", key)[:120]


class Results:
    def __init__(self, out: Path | None, counts, progress=True):
        self.out = out
        self.counts = counts
        self.progress = progress
        self.cases = collections.Counter()
        self.outcomes = {k: collections.Counter() for k in KINDS}
        self.findings = {}  # key -> {"count", "kinds", "first", "smallest"}
        self.slow = {k: [] for k in KINDS}
        self.rss = []
        self.t0 = time.monotonic()
        self.last_print = self.t0
        self.blocks = {}  # worker pid -> (allocated blocks after warm-up, at its last chunk)
        self.timed = []  # cases past the bound, each confirmed alone before it counts (``confirm``)
        self.slow_under_load = []  # (case, seconds alone): past the bound in the pool, within it alone

    def __call__(self, what, msg):
        if what == "finding":
            self._finding(msg)
            return
        _, kind, start, end, stats, slow, secs, rss, peak = msg[:9]
        if len(msg) > 9 and msg[9][1] is not None:
            pid, base, now = msg[9]
            self.blocks[pid] = (base, now)
        n = sum(stats.values())
        self.cases[kind] += n
        self.outcomes[kind].update(stats)
        self.slow[kind] = sorted(self.slow[kind] + [(round(s, 3), i) for s, i in slow], reverse=True)[:5]
        if rss:
            self.rss.append((round(time.monotonic() - self.t0), round(rss), round(peak)))
        now = time.monotonic()
        if self.progress and now - self.last_print > 30:
            self.last_print = now
            print(f"[{now - self.t0:7.0f}s] " + ", ".join(f"{k} {self.cases[k]:,}/{self.counts.get(k, 0):,}"
                                                          for k in KINDS)
                  + f"; findings {len(self.findings)}; rss {rss:.0f} MB", file=sys.stderr, flush=True)

    def confirm(self, cfg):
        """Run each case that went past the bound again, alone, in a fresh process: only one that goes
        past it there too (or dies) is a finding; one that then ends in time was slowed by the load."""
        timed, self.timed = sorted(self.timed, key=lambda f: f["size"]), []
        tried = collections.Counter()
        confirmed = collections.Counter()
        for f in timed:
            key = f["key"]
            if confirmed[key] >= 3 and confirmed[key] == tried[key]:  # (three of three confirmed: the rest count)
                f["message"] = (f["message"] + " " if f["message"] else "") + "(not run again alone)"
                self._finding(f, confirmed=True)
                continue
            if tried[key] >= 10:  # (enough tries: the rest follow what they showed)
                if confirmed[key]:
                    f["message"] = (f["message"] + " " if f["message"] else "") + "(not run again alone)"
                    self._finding(f, confirmed=True)
                else:
                    self.slow_under_load.append((f"{f['kind']}:{f['index']}", f.get("seconds") or 0.0, -1.0))
                continue
            tried[key] += 1
            past, seconds = confirm_alone(f, cfg)
            confirmed[key] += past
            if past:
                f["message"] = (f["message"] + " " if f["message"] else "") + (
                    f"(alone: {seconds:.1f} s)" if seconds is not None else "(alone: past the bound too)")
                self._finding(f, confirmed=True)
            else:
                self.slow_under_load.append((f"{f['kind']}:{f['index']}", f.get("seconds") or 0.0, seconds))
                if self.progress:
                    print(f"  {f['kind']}:{f['index']} ended in {seconds:.2f} s alone: slowed by the load, not a "
                          f"finding", file=sys.stderr, flush=True)

    def _finding(self, f, confirmed=False):
        key = f["key"]
        if key.startswith(("timeout:", "hang:")) and not confirmed:
            self.timed.append(f)
            return
        rec = self.findings.get(key)
        if rec is None:
            rec = self.findings[key] = dict(count=0, kinds=collections.Counter(), first=f, smallest=f)
            if self.progress:
                print(f"  new finding: {key} ({f['kind']}:{f['index']}, {f['stage']}): {f['message'][:200]!r}",
                      file=sys.stderr, flush=True)
        rec["count"] += 1
        rec["kinds"][f["kind"]] += 1
        if not f.get("wrong_type"):
            rec["typed"] = rec.get("typed", 0) + 1  # with every argument of a documented type
            if rec["smallest"].get("wrong_type"):
                rec["smallest"] = f
        if f["size"] < rec["smallest"]["size"] and (f.get("wrong_type") or not rec["smallest"].get("wrong_type")):
            rec["smallest"] = f
        if self.out is not None and (rec["count"] == 1 or rec["smallest"] is f):
            save_finding(self.out, f, rec["count"])

    def summary(self, seconds):
        return dict(seconds=round(seconds, 1), cases=dict(self.cases),
                    outcomes={k: dict(v) for k, v in self.outcomes.items() if v},
                    findings={k: dict(count=r["count"], kinds=dict(r["kinds"]),
                                      example=f"{r['smallest']['kind']}:{r['smallest']['index']}",
                                      stage=r["smallest"]["stage"], message=r["smallest"]["message"][:300],
                                      documented_types=r.get("typed", 0))
                              for k, r in sorted(self.findings.items())},
                    findings_per_kind={k: sum(r["kinds"][k] for r in self.findings.values()) for k in KINDS},
                    slowest={k: v for k, v in self.slow.items() if v}, rss_mb=self.rss[-1][1:] if self.rss else None,
                    slow_under_load=self.slow_under_load,
                    memory_blocks={str(pid): dict(after_warmup=b, at_end=n) for pid, (b, n) in self.blocks.items()})


def confirm_alone(f, cfg):
    """(still past the bound, seconds) for a case replayed alone in a fresh process."""
    import subprocess

    cmd = [sys.executable, str(Path(__file__).resolve()), "--seed", str(f["seed"]), "--replay",
           f"{f['kind']}:{f['index']}", "--timeout-per-case", str(cfg["timeout"]), "--mem-limit-mb",
           str(cfg["mem_limit_mb"] or 4096)]
    try:
        p = subprocess.run(cmd, capture_output=True, text=True, errors="replace",
                           timeout=cfg["timeout"] + cfg["grace"] + 30)
    except subprocess.TimeoutExpired:
        return True, None
    found = re.search(r"^outcome: (\w+) in ([\d.]+) s", p.stdout, re.M)
    if not found:
        return True, None
    return found.group(1) not in ("result", "diagnostic"), float(found.group(2))


def save_finding(out: Path, f, count):
    d = out / "findings" / _slug(f["key"])
    d.mkdir(parents=True, exist_ok=True)
    case = f["case"]
    meta = {k: v for k, v in f.items() if k not in ("traceback", "case")}
    meta["replay"] = f"python bench/fuzz.py --seed {f['seed']} --replay {f['kind']}:{f['index']}"
    (d / "case.json").write_text(json.dumps(dict(meta, case=case), ensure_ascii=True, indent=1), encoding="utf-8")
    (d / "traceback.txt").write_text(f["traceback"] or f["message"], encoding="utf-8", errors="backslashreplace")
    for old in d.glob("input.*"):
        old.unlink()
    if case["kind"] == "rules":
        if "raw_latin1" in case:
            (d / "input.bin").write_bytes(case["raw_latin1"].encode("latin-1"))
        (d / "input.qy").write_text(case["text"], encoding="utf-8", errors="surrogatepass")
    elif case["kind"] == "facts":
        (d / "input.jsonl").write_text(case["text"], encoding="utf-8", errors="surrogatepass")
    else:
        (d / "input.py").write_text(case["code"] + "\n", encoding="utf-8", errors="surrogatepass")


def run(seed, counts, jobs=2, timeout=5.0, out=None, time_limit=None, progress=True, mem_limit_mb=4096,
        peak_mb=1024, growth_blocks=200_000, grace=20.0, warmup=None):
    """Run ``counts`` = {"rules": N, "facts": M, "api": K} cases of ``seed``; the summary (a dict).
    ``warmup``: cases of each kind a worker runs before its RSS is taken as the baseline for growth."""
    corpus().compiled  # (loaded and compiled once here: every worker, a restarted one too, inherits them —
    # the code, grammar and seed rules under test stay those of the run's start while others edit the tree)
    counts = {k: int(counts.get(k, 0)) for k in KINDS}
    out = Path(out) if out else None
    if out is not None:
        out.mkdir(parents=True, exist_ok=True)
    cfg = dict(seed=seed, timeout=timeout, mem_limit_mb=mem_limit_mb, peak_mb=peak_mb, growth_blocks=growth_blocks,
               kinds=[k for k in KINDS if counts[k]],
               grace=grace, warmup=warmup or {"rules": 500, "facts": 5000, "api": 200})
    results = Results(out, counts, progress)
    code = _code_version()
    t0 = time.monotonic()
    pool = Pool(jobs, cfg, results)
    aborted = None
    try:
        pool.run(plan(counts), None if time_limit is None else t0 + time_limit)
    except RuntimeError as exc:  # (the fuzzer's own failure: what ran so far is still reported)
        aborted = str(exc)
        print(f"run aborted: {exc}", file=sys.stderr)
    finally:
        pool.close()
    results.confirm(cfg)
    summary = results.summary(time.monotonic() - t0)
    summary.update(seed=seed, asked=counts, timeout=timeout, jobs=jobs, aborted=aborted, code=code)
    if out is not None:
        (out / "summary.json").write_text(json.dumps(summary, ensure_ascii=False, indent=1), encoding="utf-8")
    return summary


def _code_version():
    """The commit under test and the files changed beside it (others edit the tree while a run goes on)."""
    import subprocess

    def git(*args):
        try:
            return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True, timeout=30).stdout.strip()
        except (OSError, subprocess.SubprocessError):
            return ""
    return dict(head=git("rev-parse", "HEAD"), changed=git("status", "--porcelain", "--untracked-files=no").splitlines())


def replay(seed, kind, index, timeout=None, mem_limit_mb=4096):
    """Make one case again and run it here; print what happened."""
    case = make_case(seed, kind, index)
    _cap_address_space(mem_limit_mb)  # (as in a worker: a case that reads without bound ends in MemoryError)
    ctx = Ctx()
    signal.signal(signal.SIGALRM, _on_alarm)
    print(f"case {kind}:{index}: {' + '.join(case['labels'])}")
    shown = {k: (v if not isinstance(v, (str, bytes)) or len(v) < 2000 else f"<{len(v)} characters>")
             for k, v in case.items()}
    print(json.dumps(shown, ensure_ascii=True, default=repr, indent=1)[:6000])
    t = time.perf_counter()
    outcome, finding = execute(case, ctx, timeout)
    print(f"outcome: {outcome} in {time.perf_counter() - t:.3f} s")
    if finding:
        print(f"finding: {finding['key']} (stage {finding['stage']})")
        print(finding["traceback"] or finding["message"])
    ctx.close()
    return outcome, finding


def print_summary(s):
    print(f"\nqiyue fuzz — seed {s['seed']}, {s['jobs']} workers, {s['timeout']} s per case, {s['seconds']} s in all")
    if s.get("code"):
        print(f"  code: {s['code']['head'][:12]}" + (f" with {len(s['code']['changed'])} files changed"
                                                     if s["code"]["changed"] else ""))
    for k in KINDS:
        n = s["cases"].get(k, 0)
        if n or s["asked"].get(k):
            oc = s["outcomes"].get(k, {})
            rate = f"{n / s['seconds']:.0f}/s" if s["seconds"] else ""
            print(f"  {k:6} {n:>9,} of {s['asked'][k]:,} cases ({rate}): "
                  + ", ".join(f"{v:,} {o}" for o, v in sorted(oc.items()))
                  + f"; findings {s['findings_per_kind'][k]:,}")
    print(f"  distinct findings: {len(s['findings'])}")
    for key, f in s["findings"].items():
        odd = "" if f["documented_types"] else " [wrong Python types only]"
        print(f"    {key}  ×{f['count']} {f['kinds']}{odd}  e.g. {f['example']} ({f['stage']}): {f['message'][:160]!r}")
    for k, v in s.get("slowest", {}).items():
        print(f"  slowest {k}: " + ", ".join(f"{k}:{i} {t:.2f}s" for t, i in v))
    if s.get("slow_under_load"):
        print("  past the bound under load, within it alone (not findings): " + ", ".join(
            f"{c} {a:.1f}s/{b:.1f}s" for c, a, b in s["slow_under_load"]))
    if s.get("memory_blocks"):
        print("  memory blocks live per worker (after warm-up → at its end): " + ", ".join(
            f"{v['after_warmup']:,} → {v['at_end']:,}" for v in s["memory_blocks"].values()))
    if s.get("aborted"):
        print(f"  ABORTED: {s['aborted']}")
    if s.get("rss_mb"):
        print(f"  worker RSS at the end: {s['rss_mb'][0]} MB (peak {s['rss_mb'][1]} MB)")


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--rules", type=int, default=1000, help="rule-file mutants")
    ap.add_argument("--facts", type=int, default=10000, help="fact-stream mutants")
    ap.add_argument("--api", type=int, default=500, help="API calls with odd arguments")
    ap.add_argument("--timeout-per-case", dest="timeout", type=float, default=5.0)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--out", default=None, help="where findings are saved (default: /tmp/qiyue-fuzz-SEED)")
    ap.add_argument("--time-limit", type=float, default=None, help="stop handing out cases after this many seconds")
    ap.add_argument("--mem-limit-mb", type=int, default=4096, help="address space a worker may map beyond what it maps at its start (RLIMIT_AS)")
    ap.add_argument("--peak-mb", type=int, default=1024, help="a case that raises a worker's peak RSS past this")
    ap.add_argument("--growth-blocks", type=int, default=200_000,
                    help="a worker whose allocated memory blocks grow by this many after warm-up")
    ap.add_argument("--replay", default=None, metavar="KIND:INDEX", help="run one case here and show it")
    ap.add_argument("--quiet", action="store_true")
    ap.add_argument("--durable", action="store_true",
                    help="also evaluate every accepted case on the durable backend: a different report is a finding")
    args = ap.parse_args(argv)
    if args.durable:  # (the workers, and a finding's confirmation run, inherit it)
        os.environ["QIYUE_FUZZ_DURABLE"] = "1"
    if args.replay:
        kind, _, index = args.replay.partition(":")
        outcome, _ = replay(args.seed, kind, int(index), args.timeout, args.mem_limit_mb)
        return 0 if outcome in ("result", "diagnostic") else 1
    out = args.out or f"/tmp/qiyue-fuzz-{args.seed}"
    s = run(args.seed, {"rules": args.rules, "facts": args.facts, "api": args.api}, args.jobs, args.timeout, out,
            args.time_limit, not args.quiet, args.mem_limit_mb, args.peak_mb, args.growth_blocks)
    print_summary(s)
    print(f"  findings saved under {out}/findings, summary in {out}/summary.json")
    return 1 if s["findings"] else 0


if __name__ == "__main__":
    sys.exit(main())
