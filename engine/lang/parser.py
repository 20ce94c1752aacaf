"""Rule text → parse tree → typed model (``model.RuleFile``).

The grammar (``grammar/qiyue.lark``) is loaded once per process and cached; lark keeps
every node's position (``propagate_positions``) so the model carries spans.  Syntax
errors come back as ``Diagnostic`` values with the expected tokens in words.
"""
from __future__ import annotations

import functools
import re
from decimal import Decimal
from datetime import date

from lark import Discard, Lark, Token, Transformer, Tree, v_args
from lark.exceptions import GrammarError, UnexpectedCharacters, UnexpectedEOF, UnexpectedInput, UnexpectedToken, VisitError

from . import model as m
from .amounts import CN_NUMERAL_CHARS, amount_meant, cn_numeral, read_amount, shown
from ..diagnostics import Diagnostic, QiyueError, diag, source_lines, suggest, suggest_all
from ..messages import Choice, Msg, Refusal, word
from ..time.timecalc import Counting, Unit

from .limits import LETTER_AFTER, LONGEST, MAX_DEPTH, MAX_DIGITS, MAX_REAL, MAX_RULE_CHARS, grammar_text, missing_day  # noqa: F401 (re-exported)

_PRODUCT_OPS = frozenset({"*", "×", "/", "÷"})  # (MULOP: a product and a sum are one rule of the grammar, `additive`)
# The parse-tree nodes that nest expressions (each adds a level of recursion downstream).
_NESTING = frozenset({"or_expr", "and_expr", "not_", "comparison", "additive", "attribute", "index", "percent_of", "share_of", "conditional",
                      "all_of", "any_of", "exists", "count", "sum", "first", "passed", "end_of", "day_after",
                      "call", "pattern"})
_NUMERIC_TOKENS = frozenset({"NUMBER", "MONEY", "PERCENT"})
_NO_LEVELS = (0, 0)

# Words shown for grammar terminals in "expected: …" lists.
TERMINAL_WORDS = {
    "NAME": "a name", "STRING": 'a "quoted text"', "NUMBER": "a number", "MONEY": "an amount like ¥1,000.00",
    "PERCENT": "a percentage like 5%", "DATE": "a date YYYY-MM-DD", "COMPARE": "a comparison (==, >=, …)",
    "ADDOP": "+ or -", "MULOP": "× or ÷", "LBRACE": "{", "RBRACE": "}", "LPAR": "(", "RPAR": ")", "COLON": ":", "COMMA": ",",
    "EQUAL": "=", "DOT": ".", "LSQB": "[", "RSQB": "]", "__ANON_0": "..", "$END": "end of file",
}


@functools.lru_cache(maxsize=1)
def _parser() -> Lark:
    # cache=True: lark stores the built LALR tables in the temp directory, keyed by the
    # grammar's hash and lark's version, so a new process starts in ~20 ms instead of ~150 ms.
    return Lark(grammar_text(), parser="lalr", lexer="contextual", propagate_positions=True,
                maybe_placeholders=False, cache=True)


_PER = {"%": 100, "‰": 1000, "百分之": 100, "千分之": 1000, "万分之": 10000}


_LIANG = re.compile(r"(?:[^两]|两(?=[百千万佰仟点]))*|两")  # (fullmatch: each 两 before 百/千/万/点, or 两 alone)


def percent_value(raw: str) -> Decimal:
    """A rate as written — `5%`, `0.3‰`, `万分之五`, `千分之0.5` — as the exact fraction it is (万分之五 = 0.0005:
    "按日万分之五计付违约金").  Chinese numerals are read by cn2an (零点五 = 0.5)."""
    if raw[-1] in "%‰":
        return Decimal(raw[:-1]) / _PER[raw[-1]]
    per, count = raw[:3], raw[3:]
    if not count[:1].isdigit():
        import cn2an  # (as amounts in capitals are read: amounts.py)

        # (strictly: 万分之五五, 万分之十点 are no numbers — refused, not read as 55 or 10; 两 and 〇 as 二 and 零 — 两
        # only where a number has it, alone or before 百/千/万/点 (千分之两点五), not for 二 in the ones place or before
        # 十: 千分之十两, 百分之两十 are no numbers; a trailing 零 after 点 says nothing: 千分之三点零 is 3‰ — fuzz round 33)
        count = count.replace("〇", "零")
        if "两" in count and not _LIANG.fullmatch(count):
            raise ValueError(count)
        whole, point, decimals = count.partition("点")
        if point and decimals.rstrip("零") != decimals:
            decimals = decimals.rstrip("零")
            count = whole + (point + decimals if decimals else "")
        count = str(cn2an.cn2an(count.replace("两", "二"), "strict"))
    return Decimal(count) / _PER[per]


def keyword_forms(terminals) -> dict[str, list[str]]:
    """Keyword terminal name → its spellings as the grammar's regular expressions (`/(for\\s+each|每当)\\b/`
    gives ["for\\s+each", "每当"]), for any lark instance built from the grammar."""
    out = {}
    for term in terminals:
        pat = term.pattern.value
        if term.pattern.type != "re":
            continue
        if pat.startswith("(?:") and pat.endswith(")"):  # (with Chinese spellings: limits.chinese_keyword_ends)
            forms = [f.removesuffix("\\b") for f in pat[3:-1].replace(LETTER_AFTER, "").split("|")]
        elif pat.startswith("(") and pat.endswith(")\\b"):
            forms = pat[1:-3].split("|")
        else:
            continue
        # (`个[ \t　]*月`: 个 and the unit may stand apart — written as one word here)
        out[term.name] = [re.sub(r"\[[^\]]*\]\*", "", f) for f in forms]
    return out


@functools.lru_cache(maxsize=1)
def _keyword_words() -> dict[str, str]:
    """Terminal name → its English and Chinese spellings, read from the grammar itself."""
    return {name: " / ".join(f.replace("\\s+", " ").replace("s?", "s") for f in forms)
            for name, forms in keyword_forms(_parser().terminals).items()}


def describe_terminal(name: str) -> str:
    if name in TERMINAL_WORDS:
        return TERMINAL_WORDS[name]
    kw = _keyword_words().get(name)
    if kw:
        return kw
    try:
        pat = _parser().get_terminal(name).pattern
        if pat.type == "str":
            return pat.value
    except KeyError:
        pass
    return name.lower()


# Full-width punctuation a Chinese input method types by default, outside quoted text,
# read as its ASCII twin (one character for one, so columns in messages stay right).
_FULL_WIDTH = str.maketrans({"（": "(", "）": ")", "：": ":", "，": ",", "［": "[", "］": "]", "｛": "{", "｝": "}",
                             "＝": "=", "＋": "+", "－": "-", "．": ".", "−": "-", "％": "%"})


def normalize_punctuation(text: str) -> str:
    if text.startswith("\ufeff"):  # a byte-order mark some editors write: not part of the rules
        text = " " + text[1:]
    parts = text.split('"')
    for i in range(0, len(parts), 2):  # even parts are outside "…"
        parts[i] = parts[i].translate(_FULL_WIDTH)
    return '"'.join(parts)


def _value_starts(expected) -> bool:
    """Whether the parser wanted a value here (a number or an amount may start it)."""
    return "NUMBER" in expected and "MONEY" in expected


def _found(exc, text: str) -> str:
    """What stood where the parser stopped: the token, or the character it could not read."""
    if isinstance(exc, UnexpectedCharacters):
        return text[exc.pos_in_stream] if exc.pos_in_stream < len(text) else ""
    return str(getattr(exc, "token", ""))


def parse(text: str, path: str = "<rules>") -> m.RuleFile:
    """Parse rule text into the typed model; raise ``QiyueError`` on a syntax error."""
    if len(text) > MAX_RULE_CHARS:
        raise QiyueError([too_large(text, path)])
    surrogate = lone_surrogate(text, path)
    if surrogate is not None:
        raise QiyueError([surrogate])
    try:
        tree = _parser().parse(normalize_punctuation(text))
    except UnexpectedInput as exc:
        first = syntax_diagnostic(exc, text, path)
        raise QiyueError([first, *_later_syntax_errors(exc, first, text, path)]) from None
    try:
        return _Builder(path, text).build(tree)
    except VisitError as exc:
        if isinstance(exc.orig_exc, QiyueError):
            raise exc.orig_exc from None
        raise


def too_large(text: str, path: str) -> Diagnostic:
    """A rule text of more than MAX_RULE_CHARS characters, refused unparsed: the file, how long it
    is, the limit and the line where the text passes it.  (No span: the line shown under a span
    would be printed whole, and in such a text it may be the whole megabyte.)"""
    line = text.count("\n", 0, MAX_RULE_CHARS) + 1
    return diag("too_large", None, path=path, chars=f"{len(text):,}", limit=f"{MAX_RULE_CHARS:,}", line=f"{line:,}",
                hint="hint:too_large")


_SURROGATE = re.compile("[\ud800-\udfff]")


def lone_surrogate(text: str, path: str) -> Diagnostic | None:
    """A lone surrogate (U+D800–U+DFFF) is not a character: only text decoded wrongly holds one (a file
    read with errors="surrogateescape", a JSON "\\ud800"), and it cannot be written out again as UTF-8."""
    if text.isascii():
        return None
    found = _SURROGATE.search(text)
    if found is None:
        return None
    line = text.count("\n", 0, found.start()) + 1
    column = found.start() - (text.rfind("\n", 0, found.start()) + 1) + 1
    return diag("bad_text.surrogate", m.Span(path, line, column, line, column + 1),
                code_point=f"U+{ord(found.group()):04X}", hint="hint:surrogate")




def number_shown(raw: str, keep: int = 12) -> str:
    """A long number as its first and last digits (never echoed in full)."""
    return raw if len(raw) <= 2 * keep + 3 else f"{raw[:keep]}…{raw[-keep:]}"


# Tokens after which an expression must follow: a line that ends with one is continued by the next.
_OPERATORS = frozenset({"COMPARE", "ADDOP", "MULOP", "AND", "OR", "NOT", "OF", "EQUAL"})


def _last_tokens(exc: UnexpectedToken, n: int = 2) -> list[Token]:
    """The last ``n`` tokens the parser had taken before the one it could not, last first (from
    its value stack: tokens not yet reduced, and the rightmost leaves of the trees before them)."""
    stack = getattr(getattr(exc, "state", None), "value_stack", None) or []
    todo, out = list(stack[-2 * n:]), []
    while todo and len(out) < n:
        item = todo.pop()
        if isinstance(item, Token):
            out.append(item)
        elif isinstance(item, Tree):
            todo.extend(item.children)
    return out


@functools.lru_cache(maxsize=1)
def _keyword_first_words() -> frozenset[str]:
    """The first word of every keyword's spellings (`within`, `fulfilled`, `期限`, …)."""
    return frozenset(form.split()[0] for forms in _keyword_words().values() for form in forms.split(" / "))


def _dangling_operator(exc: UnexpectedToken) -> tuple[Token, Token] | None:
    """(the operator, the token after it) when a line ends with an operator and the parse fails on
    the next line: `p.amount >=` then `within 5 days` reads `within` as the name compared with (the
    lexer takes a keyword for a name where only a name can stand), and fails at `5`.  The error is
    the operator's, not the next line's."""
    tok = exc.token
    last = _last_tokens(exc)
    if not last or tok.type == "$END":
        return None
    if last[0].type in _OPERATORS and (last[0].end_line or last[0].line) < tok.line:
        return last[0], tok  # `a >=` then `}`
    if len(last) == 2 and last[0].type == "NAME" and last[0].line == tok.line and last[1].type in _OPERATORS \
            and (last[1].end_line or last[1].line) < last[0].line and str(last[0]) in _keyword_first_words():
        return last[1], last[0]  # `a >=` then `within 5 days`: `within` taken as a name
    return None


def _unseen(ch: str) -> bool:
    """Whether a character cannot be seen: a control, a format character (a zero-width space), a space other than
    the plain one."""
    import unicodedata

    return ch != " " and (not ch.isprintable() or ch.isspace() or unicodedata.category(ch) == "Cf")


def _shown_char(ch: str) -> str:
    """A character as an error shows it: itself if it can be seen, else its code point and name (U+0085)."""
    import unicodedata

    if ch and _unseen(ch):
        name = unicodedata.name(ch, "")
        return f"U+{ord(ch):04X}" + (f" {name}" if name else "")
    return ch


def _hidden_chars(text: str, line: int) -> str:
    """The characters of line ``line`` that cannot be seen (``_unseen``; a tab is seen as space), each as its
    code point and column; "" if none."""
    lines = text.split("\n")
    if not 1 <= line <= len(lines):
        return ""
    found = [f"U+{ord(c):04X}@{i}" for i, c in enumerate(lines[line - 1], 1) if c != "\t" and _unseen(c)]
    return "、".join(found[:5])


_CLOSER = {"(": ")", "{": "}"}


def _brackets(text: str, upto: int, kinds: str = "(){}"):
    """(the bracket, its offset) of each of ``kinds`` before offset ``upto`` of the (normalized) text, in order — texts
    "…" (each on one line) and comments # … skipped."""
    i, n = 0, min(upto, len(text))
    while i < n:
        ch = text[i]
        if ch == '"':
            end = text.find('"', i + 1)
            newline = text.find("\n", i + 1)
            i = (end if end != -1 and (newline == -1 or end < newline) else (newline if newline != -1 else n)) + 1
            continue
        if ch == "#":
            newline = text.find("\n", i)
            i = newline if newline != -1 else n
            continue
        if ch in kinds:
            yield ch, i
        i += 1


def _open_brackets(text: str, upto: int) -> list[tuple[str, int]] | None:
    """The brackets ( and { opened before offset ``upto`` of the (normalized) text and not closed, innermost last, each
    with its offset; None where a closer does not match its opener (the text is confused past saying which one is
    missing)."""
    stack: list[tuple[str, int]] = []
    for ch, i in _brackets(text, upto):
        if ch in _CLOSER:
            stack.append((ch, i))
        elif not stack or _CLOSER[stack[-1][0]] != ch:
            return None
        else:
            stack.pop()
    return stack


_NO_RECOVERY = frozenset({"syntax_error.unclosed_quote", "syntax_error.unclosed_paren", "syntax_error.unclosed_brace",
                          "syntax_error.end", "syntax_error.early_end"})
MAX_SYNTAX_ERRORS = 10


def _brace_pairs(plain: str) -> list[tuple[int, int]] | None:
    """(offset of {, offset of its }) of every pair of braces, texts and comments skipped; None where they do not pair."""
    stack: list[int] = []
    pairs: list[tuple[int, int]] = []
    for ch, i in _brackets(plain, len(plain), "{}"):
        if ch == "{":
            stack.append(i)
        elif not stack:
            return None
        else:
            pairs.append((stack.pop(), i))
    return pairs if not stack else None


def _offset(plain: str, line: int, column: int) -> int:
    """The offset of a line and column (both from 1) in the text."""
    start = 0
    for _ in range(line - 1):
        start = plain.find("\n", start) + 1
        if start == 0:
            return len(plain)
    return start + column - 1


def _indented_alike(plain: str, opened: int, closed: int) -> bool:
    """Whether a } that begins its line is indented no deeper than the line of its { (a } after other text: taken as
    it is) — one deeper belongs to a block inside: a } missing above has paired the blocks wrongly."""
    close_start = plain.rfind("\n", 0, closed) + 1
    before = plain[close_start:closed]
    if before.strip():
        return True
    open_start = plain.rfind("\n", 0, opened) + 1
    open_line = plain[open_start:opened]
    return len(before) <= len(open_line) - len(open_line.lstrip())  # (a { ending a statement's later line: its } under
    # the statement's first — the seed's annex table)


def _at_end(exc: UnexpectedInput) -> bool:
    """Whether the parse stopped because the text ended."""
    return isinstance(exc, UnexpectedEOF) or (isinstance(exc, UnexpectedToken) and exc.token.type == "$END")


def _stop_place(exc: UnexpectedInput, plain: str) -> int | None:
    """The offset where the parse stopped (the text's end for an unexpected end)."""
    return len(plain) if _at_end(exc) else getattr(exc, "pos_in_stream", None)


def _block_around(plain: str, pos: int, pairs: list[tuple[int, int]]) -> tuple[int, int]:
    """The part of the text set aside to read on past a syntax error at ``pos``: the block opened on the error's line
    (`obligaton deliver "交付" {` … `}`), else the innermost block holding it, from its first line's start to its `}`;
    at the top level outside any block, the error's line."""
    line_start = plain.rfind("\n", 0, pos) + 1
    line_end = plain.find("\n", pos)
    line_end = len(plain) if line_end == -1 else line_end
    here = [(o, c) for o, c in pairs if line_start <= o < line_end]
    if here:
        return line_start, max(c for o, c in here if o == min(o for o, _ in here)) + 1
    holding = [(o, c) for o, c in pairs if o < pos <= c]
    if holding:
        o, c = max(holding)
        return plain.rfind("\n", 0, o) + 1, c + 1
    while line_start > 0 and plain[line_start:line_start + 1].isspace():  # (from the statement's first line)
        line_start = plain.rfind("\n", 0, line_start - 1) + 1
    while line_end < len(plain):  # (a statement's lines after its first are indented: `assumption …` and its reason)
        after = plain.find("\n", line_end + 1)
        after = len(plain) if after == -1 else after
        following = plain[line_end + 1:after]
        if following.strip() and not following[:1].isspace():
            break
        line_end = after
    return line_start, line_end


def _later_syntax_errors(exc: UnexpectedInput, first: Diagnostic, text: str, path: str) -> list[Diagnostic]:
    """The syntax errors after the first, each independent of it: the block the first stands in is set aside (its
    characters made spaces, its lines kept, so every place is as written) and the text read on, up to
    MAX_SYNTAX_ERRORS — legal staff fix a file in one pass, not one mistake per run (fuzz round 43).  None where
    the first leaves the rest unreadable (a quote, a bracket or a block not closed) or the braces do not pair."""
    plain = normalize_punctuation(text)
    line = first.span.line if first.span is not None else 0
    said = plain.split("\n")[line - 1] if 0 < line <= plain.count("\n") + 1 else ""
    if first.key in _NO_RECOVERY or said.split("#")[0].count('"') % 2:  # (a quote astray on the error's line: what
        return []  # follows is read out of step — every later "error" would be the first one's)
    if first.span is not None and first.span.column == 1 and (said.split() or [""])[0] in _keyword_spellings():
        return []  # (`clause` refused at a line's start: a block above it not closed — its } missing, the blocks after
        # are out of step)
    pairs = _brace_pairs(plain)
    if pairs is not None and not all(_indented_alike(plain, o, c) for o, c in pairs):
        pairs = None  # (a } missing here and one missing there pair up wrongly: the blocks cannot be told)
    out: list[Diagnostic] = []
    pos = _stop_place(exc, plain)
    while pairs is not None and pos is not None and len(out) < MAX_SYNTAX_ERRORS - 1:
        start, end = _block_around(plain, pos, pairs)

        def blank(t: str) -> str:
            return t[:start] + "".join(c if c == "\n" else " " for c in t[start:end]) + t[end:]
        plain, text = blank(plain), blank(text)
        try:
            _parser().parse(plain)
            break
        except UnexpectedInput as again:
            at = _stop_place(again, plain)
            if at is None or at < end:  # (within what was set aside, or before it: not independent of the first)
                break
            d = syntax_diagnostic(again, text, path)
            if d.key in _NO_RECOVERY or d.span is None or _offset(plain, d.span.line, d.span.column) < end:
                break  # (said at a place before what was set aside — a role missing on the line above —: the same one)
            out.append(d)
            pos = at
    return out


def _parses_past(fixed: str, pos: int) -> bool:
    """Whether ``fixed`` (normalized) parses, or fails only after offset ``pos``."""
    try:
        _parser().parse(fixed)
    except UnexpectedInput as again:
        at = getattr(again, "pos_in_stream", None)
        return at is not None and at > pos
    return True


def _unclosed(exc: UnexpectedInput, text: str) -> tuple[str, int, int] | None:
    """(the bracket, its line, its column) when the parse fails because a bracket was left open: a ( opened on an
    earlier line than the word the parser stopped at (`exists(delivered d where d.ref == o.id` and then `within` on the
    next line — blamed on `within`, "only in an obligation", which it is: fuzz round 43), or a { still open where the
    file ends (a clause without its }).  Only where the closer, put at the end of the line before, lets the file read
    on past the place it stopped: a ( across lines may be meant, and an error inside it is its own."""
    plain = normalize_punctuation(text)
    at_end = _at_end(exc)
    pos = _stop_place(exc, plain)
    if pos is None or not isinstance(exc, (UnexpectedToken, UnexpectedEOF, UnexpectedCharacters)):
        return None
    stack = _open_brackets(plain, pos)
    if not stack:
        return None
    bracket, opened = stack[-1]
    if at_end:
        if bracket != "{":
            return None
        fixed = plain.rstrip() + "\n" + "}" * sum(b == "{" for b, _ in stack) + "\n"
        if not _parses_past(fixed, len(plain)):
            return None
    else:
        line_start = plain.rfind("\n", 0, pos)
        if bracket != "(" or line_start == -1 or opened > line_start or plain[line_start:pos].strip():
            return None  # (the word stopped at is the first of its line, the ( on a line before)
        cut = len(plain[:line_start].rstrip())
        count = 0  # (the ( still open, innermost first, each opened before this line)
        for b, o in reversed(stack):
            if b != "(" or o > line_start:
                break
            count += 1
        if not _parses_past(plain[:cut] + ")" * count + plain[cut:], pos + count):
            return None
    line = plain.count("\n", 0, opened) + 1
    return bracket, line, opened - (plain.rfind("\n", 0, opened) + 1) + 1


def syntax_diagnostic(exc: UnexpectedInput, text: str, path: str) -> Diagnostic:
    line, col = getattr(exc, "line", 0) or 0, getattr(exc, "column", 0) or 0
    expected: set[str] = set()
    unclosed = _unclosed(exc, text)
    if unclosed is not None:
        bracket, bl, bc = unclosed
        word = (source_lines(text)[bl - 1].split() or [""])[0][:40]
        if bracket == "(":
            tok = _found(exc, text)
            return diag("syntax_error.unclosed_paren", m.Span(path, bl, bc, bl, bc + 1), code="syntax_error",
                        expected=[")"], hint="hint:unclosed_paren", line=bl, column=bc, next=tok[:40], next_line=line)
        lines = source_lines(text) or [""]
        return diag("syntax_error.unclosed_brace", m.Span(path, len(lines), len(lines[-1]) + 1, len(lines),
                                                          len(lines[-1]) + 1),
                    code="syntax_error", expected=["}"], hint="hint:unclosed_brace", line=bl, column=bc, word=word)
    dangling = _dangling_operator(exc) if isinstance(exc, UnexpectedToken) else None
    if dangling is not None:
        op, after = dangling
        shown = str(after) if len(after) <= 40 else f"{str(after)[:30]}…"
        return diag("syntax_error.dangling", m.Span(path, op.line, op.column, op.line, op.column + len(op)),
                    code="syntax_error", expected=["an expression"], hint="hint:dangling", op=str(op), next=shown)
    last2 = _last_tokens(exc) if isinstance(exc, UnexpectedToken) else []
    if len(last2) == 2 and last2[1].type == "AS" and last2[0].type == "NAME" and last2[0].line > last2[1].line \
            and str(last2[0]) in _keyword_spellings():  # (`party 甲方 "买方" as` and the next line's `party` taken as
        # its role: the role is what is missing, at the `as` — fuzz round 43)
        a = last2[1]
        return diag("syntax_error.role_missing", m.Span(path, a.line, a.column, a.line, a.column + len(a)),
                    code="syntax_error", hint="hint:role_missing", word=str(a))
    comma = _comma_ending_the_line_before(exc, text)
    if comma is not None:  # (`每当 收到发票 i，` and the next line read as a further source: the comma is the slip —
        # named on its own line, not at a right word of the next: user round 22)
        (cl, cc), tok = comma, exc.token
        shown = str(tok) if len(str(tok)) <= 40 else f"{str(tok)[:30]}…"
        return diag("syntax_error.line_comma", m.Span(path, cl, cc, cl, cc + 1), code="syntax_error",
                    hint="hint:line_comma", comma=text.split("\n")[cl - 1][cc - 1], next=shown)
    per = _per_unit_misspelt(exc, text) if isinstance(exc, UnexpectedToken) else None
    if per is not None and per[2] is None:  # (`per week`: amounts accrue by the day or the hour — review round 46)
        (ul, uc), written, _ = per
        return diag("syntax_error", m.Span(path, ul, uc, ul, uc + len(written)), code="syntax_error",
                    expected=["per day", "per hour"], hint="hint:per_unit_only", token=written, found=repr(written),
                    written=written)
    if per is not None:  # (`per dya`, `per days`: the unit is the slip, not `per` — fuzz round 43)
        (ul, uc), written, meant = per
        return diag("syntax_error", m.Span(path, ul, uc, ul, uc + len(written)), code="syntax_error",
                    expected=[f"per {meant}"], did_you_mean=meant, hint="hint:misspelt_keyword",
                    token=written, found=repr(written), written=written, meant=f"per {meant}")
    if isinstance(exc, UnexpectedToken):
        expected = set(exc.accepts or exc.expected or ())
        tok = exc.token
        if tok.type == "$END":
            lines = source_lines(text) or [""]
            line, col = len(lines), len(lines[-1]) + 1
            key, args = "syntax_error.end", {}
        else:
            # (what was typed, not its ASCII twin: a full-width comma is quoted as “，” — user round 22)
            typed = text[tok.start_pos:tok.end_pos] if tok.start_pos is not None and tok.end_pos is not None else ""
            value = typed if len(typed) == len(tok.value) and typed.translate(_FULL_WIDTH) == tok.value else tok.value
            shown = str(value) if len(value) <= 40 else f"{str(value)[:30]}…"  # never echoed in full
            key, args = "syntax_error", {"found": repr(shown), "token": shown}
    elif isinstance(exc, UnexpectedCharacters):
        expected = set(exc.allowed or ())
        key, args = "syntax_error.character", {"char": _shown_char(_found(exc, text))}
    elif isinstance(exc, UnexpectedEOF):
        expected = set(exc.expected or ())
        key, args = "syntax_error.early_end", {}
    else:  # pragma: no cover - lark has no other kinds
        key, args = "word:verbatim", {"text": str(exc)}
    last = _last_tokens(exc, 1) if isinstance(exc, UnexpectedToken) else []
    if last and last[0].type in _NO_UNIT_AFTER:  # (`5% days`, `¥5.00 days` parse, and are refused: a unit counts a
        expected -= _UNITS  # number — not named where they would crowd out the word meant, user round 24)
    glued = _glued_keyword(exc, text, expected) if isinstance(exc, UnexpectedToken) else None
    words = sorted({describe_terminal(t) for t in expected})
    shown_words = words[:12]
    if glued is not None and describe_terminal(glued[0]) not in shown_words:
        shown_words = [describe_terminal(glued[0])] + words[:11]  # (the keyword that is the fix is never cut off)
    width = 1
    did_you_mean = None
    if isinstance(exc, UnexpectedToken) and exc.token.type != "$END":
        width = max(1, len(str(exc.token)))
        forms = [f.strip() for w in words for f in w.split(" / ")]
        # (a keyword of the language in the wrong place is no misspelling: `where` after `every …` is not `when`;
        # the words a contract uses for one — 每日 for 按日 — are taken as it: user round 22)
        said = str(exc.token)
        lower = said.lower()  # (a keyword in capitals — OBLIGATION, For Each —: keywords are read in lower case, fuzz 43)
        cased = [f for f in forms if f.lower() == lower] or [f for f in forms if " " in f and f.lower().split(" ")[0] == lower]
        near = (cased[:1] if cased and said != lower else
                [_SAID_FOR[said]] if _SAID_FOR.get(said) in forms else
                suggest_all(said, forms) or (suggest_all(lower, forms) if said != lower else [])) \
            if len(said) <= 40 and not _kw(exc.token) else []
        did_you_mean = " / ".join(near) if near else None
    hint = None
    hidden = _hidden_chars(text, line)
    typo = _misspelt_aggregate(text, line, col) if isinstance(exc, UnexpectedToken) else None
    slip = _misspelt_keyword(text, line, col, exc) if isinstance(exc, UnexpectedToken) and typo is None \
        and not hidden and exc.token.type != "$END" else None
    misplaced = isinstance(exc, UnexpectedToken) and exc.token.type in ("AS_TERM", "AS_ACT")
    quote = _quote_trouble(exc, text)
    if quote is not None:  # (a text not closed on its line, or one holding ASCII quotes: user round 22)
        hint = quote
        if quote == "hint:unclosed_quote":
            key, args = "syntax_error.unclosed_quote", {}
    elif hidden:  # (a zero-width space inside `within` reads as `with` then nothing: the reader cannot see why)
        hint, args["chars"] = "hint:hidden_char", hidden
    elif isinstance(exc, UnexpectedToken) and str(exc.token) == "," and _comma_in_condition(text, exc.token):
        hint = "hint:comma_in_condition"  # (`p.发票 == i.id，且 …`: a comma between conditions — user round 22)
    elif isinstance(exc, UnexpectedToken) and exc.token.type in _PART_OF and not (expected & {exc.token.type}):
        # (`caveat if` in a remedy, `lapses when` in an obligation: which rules take it — fuzz round 30)
        hint = "hint:part_elsewhere"
        args["part"] = str(exc.token)
        args["rules"] = Msg(f"word:part_of.{'_'.join(_PART_OF[exc.token.type])}", {})
        near = _PART_NEAR.get(exc.token.type)
        if near in expected:  # (`exercises right 权利人 甲方`: a remedy's holder where the termination's held by goes —
            hint = "hint:part_near"  # user round 24)
            did_you_mean = args["meant"] = next((f for f in describe_terminal(near).split(" / ")
                                                 if f[0].isascii() == str(exc.token)[0].isascii()), near)
    elif typo is not None:  # (`exsits(inv i where …)`: a call of an unknown function, then an alias it cannot take)
        hint, did_you_mean = "hint:misspelt_aggregate", typo[1]
        args.update(written=typo[0], meant=typo[1])
    elif misplaced:  # (`within 5 days after x as act`: the counting goes right after the length)
        hint = "hint:counting_place"
    elif slip is not None:  # (`urgent: bool deafult false`, `where no f.urgent`: a keyword misspelt, read as a name)
        hint, did_you_mean = "hint:misspelt_keyword", slip[1]
        args.update(written=slip[0], meant=slip[1])
    elif isinstance(exc, UnexpectedToken) and "COMPARE" in expected and (sign := _comparison_said(str(exc.token))):
        hint, did_you_mean = "hint:comparison_word", f"{sign[1]} {sign[2]}".strip()  # (`合计(…) 不低于 咨询费`: the
        args.update(written=sign[0], sign=sign[1])  # word the report says for `>=`, where the sign goes — user round 24)
    elif glued is not None:  # (`5%之total`: a Chinese keyword run on into the letters after it, read as one name —
        before = (_before_error(text, line, col) or "").split()  # user round 24)
        hint, args["keyword"], args["written"] = "hint:keyword_glued", glued[1], _cut(str(exc.token))
        args["form"] = " ".join(([_cut(before[-1])] if before else []) + [glued[1], _cut(glued[2])])
    elif isinstance(exc, UnexpectedToken) and exc.token.type in _UNITS and last and last[0].type == "NAME" \
            and (meant := _numeral_before_unit(str(last[0]), str(exc.token))) is not None:
        # (`within 十 日`, `三 days`: a length in Chinese numerals with a space before its unit, the numeral read as a
        # parameter's name — the hint given when they are written together: fuzz round 40)
        hint, did_you_mean = "hint:numeral_length", meant
        args.update(meant=meant, name=f"{last[0]} {exc.token}")
    elif isinstance(exc, UnexpectedToken) and exc.token.type == "OF":  # (`6.525% ÷ 360 of total`: `of` follows a
        hint = "hint:of_after_value"  # percentage or a name only)
    elif isinstance(exc, UnexpectedToken) and exc.token.type == "NAME" and _after_default(text, line, col):
        hint, args["value"] = "hint:default_quoted", str(exc.token)[:40]  # (`default provider`: a text value is quoted,
        # as the list of values is not — the SaaS author)
    elif _value_starts(expected) and _found(exc, text) == "-":  # (`param x = -5`: no line above is at fault)
        hint = "hint:no_negative"
    elif _found(exc, text) in ("%", "％") and (share := _share_as_prose(_before_error(text, line, col))):
        hint = "hint:percent_first"  # (`合同总价的10%`, as a contract words a share: the percentage goes first —
        args.update(zh_form=f"{share[1]}% 之 {share[0]}", en_form=f"{share[1]}% of {share[0]}")  # user round 23)
    elif _found(exc, text) in ("%", "％", "‰") and (number := _PERCENT_APART.search(_before_error(text, line, col) or "")):
        hint, did_you_mean = "hint:percent_space", number.group(1) + _found(exc, text).replace("％", "%")
        args["form"] = did_you_mean  # (`= 0.05 %`: the sign goes straight after the number — user round 29)
        args["sign"] = _found(exc, text).replace("％", "%")  # (named as written: ‰ is no 百分号 — review round 46)
    elif isinstance(exc, UnexpectedToken) and _EXPONENT.match(str(exc.token)) \
            and re.search(r"[0-9]$", _before_error(text, line, col) or ""):
        hint = "hint:number_digits"  # (`1e400%`, `within 1e3 days`, `¥1e3`: numbers in plain digits — fuzz round 43)
    elif "STRING" in expected and (reason := _assumption_without_reason(text, line, col)) is not None:
        hint, args["name"] = "hint:assumption_reason", reason  # (`assumption x "…" = 30 days` and no reason: §3.4 —
        # the reason is what the report shows beside every verdict it decides; fuzz round 43)
    elif _value_starts(expected) and _found(exc, text) == "¥":  # (`¥  1.00`: a space inside an amount)
        hint = "hint:money_form"
    elif isinstance(exc, UnexpectedToken) and (wan := _wan_amount(source_lines(text)[line - 1], col)) is not None:
        hint = "hint:money_yen"  # (`= 10万元`, `= ¥10万`, `total 11万元`: numerals and a unit of ten thousand, as a
        # contract often writes an amount — the amount it means, as the language writes it: user round 28; never a
        # wrong one (10万5千), never for a count of days (1万 days) — review round 44)
        args["amount"] = wan
    elif (named := _currency_named(source_lines(text)[line - 1] if 0 < line <= len(source_lines(text)) else "", col)):
        hint, args["amount"] = "hint:money_yen", named  # (`RMB100.00`, `人民币 100.00`, `CNY 100.00`: the currency by
        # its name, as a contract prints it — the amount as the language writes it: fuzz round 43)
    elif isinstance(exc, UnexpectedToken) and _money_unmarked(_before_error(text, line, col), str(exc.token)):
        hint = "hint:money_yen"  # (`= 20,000.00`, `= 20000元`: an amount as a contract prints it — user round 22)
        before = _before_error(text, line, col)
        number = re.compile(r"[0-9][0-9,]*(?:\.[0-9]+)?").match(source_lines(text)[line - 1],
                                                               _NUMBER_BEFORE.search(before).start())
        args["amount"] = _as_money(number.group(0))
    elif isinstance(exc, UnexpectedToken) and _date_as_written(_before_error(text, line, col), str(exc.token)):
        hint = "hint:date_form"  # (`= 2026年3月1日`: a date as a contract prints it — user round 22)
        ymd = re.search(r"([0-9]{4})\s*年\s*([0-9]{1,2})\s*月\s*([0-9]{1,2})", source_lines(text)[line - 1])
        args["date"] = f"{ymd.group(1)}-{int(ymd.group(2)):02d}-{int(ymd.group(3)):02d}" if ymd else "2026-03-01"
    elif did_you_mean is not None and exc.token.type == "NAME":  # (`withn 4 hours` where `within` goes: the word
        # meant, not the first few of what may stand here — a fresh user, round 21)
        hint = "hint:misspelt_keyword"
        args.update(written=str(exc.token), meant=did_you_mean)
    elif "NAME" in expected and len(words) > 6:
        hint = "hint:syntax_above"
    elif words:
        hint, args["options"] = "hint:syntax_write", Choice(tuple(words[:3]), len(words) > 3)
    return diag(key, m.Span(path, line, col, line, col + width), code="syntax_error", expected=shown_words,
                hint=hint, did_you_mean=did_you_mean, **args)


_CN_NUMERAL = re.compile(f"[{CN_NUMERAL_CHARS}]+")


def _numeral_before_unit(numeral: str, unit: str) -> str | None:
    """A length in Chinese numerals followed by its unit (十 日, 三 days) as the language writes it (10 日, 3 days), or
    None where the name is no such numeral."""
    if len(numeral) > 20 or not _CN_NUMERAL.fullmatch(numeral):
        return None
    n = cn_numeral(numeral)
    return None if n is None else f"{n} {unit}"


# words a contract writes where the language has a keyword of its own (每日 违约金 → 按日): the keyword suggested
_SAID_FOR = {"每日": "按日", "每天": "按日", "按天": "按日", "逐日": "按日"}

_UNITS = frozenset({"MINUTES", "HOURS", "WORKING_DAYS", "DAYS", "WEEKS", "MONTHS", "YEARS"})
_NO_UNIT_AFTER = frozenset({"PERCENT", "MONEY", "DATE", "STRING", "TRUE", "FALSE"})


@functools.lru_cache(maxsize=1)
def _chinese_forms() -> dict[str, tuple[str, ...]]:
    """Keyword terminal name → its Chinese spellings (之, 期限, 个工作日 …)."""
    return {name: tuple(f for f in forms if f and not any(c.isascii() for c in f))
            for name, forms in keyword_forms(_parser().terminals).items()}


def _glued_keyword(exc: UnexpectedToken, text: str, expected) -> tuple[str, str, str] | None:
    """(terminal, keyword, the rest) when the name the parser stopped at begins with a Chinese keyword that may stand
    here and runs on into letters (`5%之total`: 之 then total, read as one name) — only if, with a space written after
    the keyword, the file reads on past the error (§2: a keyword followed by a letter is part of a name)."""
    tok = exc.token
    if tok.type != "NAME" or tok.start_pos is None or len(str(tok)) > 200:
        return None
    said = str(tok)
    found = sorted(((f, t) for t in expected for f in _chinese_forms().get(t, ())
                    if said.startswith(f) and len(said) > len(f)), key=lambda ft: -len(ft[0]))
    for form, term in found:
        cut = tok.start_pos + len(form)
        try:
            _parser().parse(normalize_punctuation(text[:cut] + " " + text[cut:]))
        except UnexpectedInput as again:
            if getattr(again, "pos_in_stream", None) is None or again.pos_in_stream <= tok.end_pos + 1:
                continue
        return term, form, said[len(form):]
    return None


def _cut(written: str, most: int = 20) -> str:
    """A word as a hint quotes it: never echoed in full when long."""
    return written if len(written) <= most else f"{written[:most]}…"


# words a contract (and the report) says for a comparison (合计不低于咨询费), written where the sign goes: the sign
_COMPARISON_SAID = {"不低于": ">=", "不少于": ">=", "不小于": ">=", "不早于": ">=", "至少": ">=", "大于等于": ">=", "大于或等于": ">=",
                    "不超过": "<=", "不高于": "<=", "不多于": "<=", "不大于": "<=", "不晚于": "<=", "至多": "<=",
                    "小于等于": "<=", "小于或等于": "<=", "超过": ">", "高于": ">", "大于": ">", "多于": ">", "晚于": ">",
                    "低于": "<", "少于": "<", "小于": "<", "早于": "<", "等于": "==", "不等于": "!="}
_SAID_THEN_NUMBER = re.compile(r"(\D+?)[0-9]*")


def _comparison_said(written: str) -> tuple[str, str, str] | None:
    """(the word, the sign, the number after it) when ``written`` is a comparison as words say it (不低于, or
    不低于100: a number after it is read into the name), or None."""
    found = _SAID_THEN_NUMBER.fullmatch(written) if len(written) <= 40 else None
    sign = _COMPARISON_SAID.get(found.group(1)) if found else None
    return (found.group(1), sign, written[found.end(1):]) if sign else None


_DEFAULT_BEFORE = re.compile(r"(?:default|默认值?)\s*$")


def _comma_ending_the_line_before(exc, text: str) -> tuple[int, int] | None:
    """(line, column) of a comma that ends the last line before the error's, when the error is a word of the line
    after it (the comma asked for one more item, and the next line was read as that)."""
    tok = getattr(exc, "token", None)
    if not isinstance(exc, UnexpectedToken) or tok is None or tok.type == "$END" or tok.start_pos is None:
        return None
    line_start = text.rfind("\n", 0, tok.start_pos) + 1
    i = line_start - 1
    while i >= 0 and text[i] in " \t\r\n\u3000":
        i -= 1
    if i < 0 or text[i] not in ",，":
        return None
    # (the comma's line: no comment after it — `#` starts one — and it is not inside a quoted text)
    start = text.rfind("\n", 0, i) + 1
    if text[start:i].count('"') % 2 or "#" in text[start:i]:
        return None
    return text.count("\n", 0, i) + 1, i - start + 1


def _quote_trouble(exc, text: str) -> str | None:
    """A text in quotes gone wrong: a `"` whose line holds no other after it (not closed), or a word right after a
    closing `"` of a line with more quotes (ASCII quotes inside a quoted text: `原文 "…"合格发票"…"`)."""
    if isinstance(exc, UnexpectedCharacters) and _found(exc, text) in "“”＂「」":  # (what a Chinese input method
        return "hint:ascii_quotes"  # types around a text: fuzz round 30)
    if isinstance(exc, UnexpectedCharacters) and _found(exc, text) == '"':
        end = text.find("\n", exc.pos_in_stream)
        return "hint:unclosed_quote" if '"' not in text[exc.pos_in_stream + 1:len(text) if end < 0 else end] else None
    tok = getattr(exc, "token", None)
    if isinstance(exc, UnexpectedToken) and tok is not None and tok.type != "$END" and tok.start_pos:
        start = text.rfind("\n", 0, tok.start_pos) + 1
        end = text.find("\n", tok.start_pos)
        line = text[start:len(text) if end < 0 else end]
        if str(tok) in (",", "，") and tok.end_pos is not None \
                and re.match(r"[ \t]*[A-Za-z_\u4e00-\u9fff][\w\u4e00-\u9fff]*[ \t]*[:：]", text[tok.end_pos:]):
            return "hint:attribute_comma"  # (`item: text "货物", qty: int`: attributes need no comma — fuzz round 43)
        if text[tok.start_pos - 1] == '"' and line.count('"') >= 3:
            return "hint:quote_inside_text"
    return None


# the parts a kind of rule only takes (the first keyword of each), and the rules that take it
_OBLIGATION_ONLY = ("DEBTOR", "CREDITOR", "FULFILLED_BY", "OR_BY", "FULFILLED_WHEN", "VIOLATED_BY", "WITHIN", "DUE_BY",
                    "EXCUSED_IF", "SUSPENDED_BY", "EXTENDED_BY", "ACCELERATED_BY")
_REMEDY_ONLY = ("HOLDER", "AMOUNT", "EACH_DAY_ONCE", "RECOMPUTED_DAILY", "TOTAL_AT_MOST", "EACH_AT_MOST", "EACH_AT_LEAST", "ALTERNATIVE_TO",
                "SETTLED_BY", "EXERCISE_WITHIN", "EXERCISE_UNTIL")
_PART_OF = {**{t: ("obligation",) for t in _OBLIGATION_ONLY}, **{t: ("remedy",) for t in _REMEDY_ONLY},
            "LAPSES_WHEN": ("remedy", "effective", "termination"), "EXERCISES": ("termination",), "ENDS_ONLY": ("termination",),
            "CAVEAT_IF": ("obligation", "remedy")}

# a part a kind of rule only takes, and the keyword another kind takes in its place (a remedy's holder, the power a
# termination exercises held by …)
_PART_NEAR = {"HOLDER": "HELD_BY"}

_CONDITION_WORD = re.compile(r"(?:\b(?:where|when|if|and|or)\b|满足|条件|且|或)")


def _comma_in_condition(text: str, tok) -> bool:
    """A comma where a condition goes on: its line has a condition's word before it (`where`, 满足, 且 …) or one right
    after it."""
    start = text.rfind("\n", 0, tok.start_pos) + 1
    end = text.find("\n", tok.end_pos)
    before, after = text[start:tok.start_pos], text[tok.end_pos:len(text) if end < 0 else end].lstrip()
    return bool(_CONDITION_WORD.search(before)) or bool(re.match(r"(?:and|or)\b|且|或", after))


_NUMBER_BEFORE = re.compile(r"[0-9][0-9,]*(?:\.[0-9]+)?\s*$")


def _money_unmarked(before: str | None, found: str) -> bool:
    """A number written as an amount without ¥: grouped by commas, or followed by 元."""
    return bool(before and _NUMBER_BEFORE.search(before) and not before.rstrip().endswith(tuple("¥￥"))
                and "¥" not in before[-20:] and (found in (",", "，") or found[:1] in "元块"))


_WAN_WORD = re.compile(r"[¥￥]?[0-9][0-9,.]*\s*[万萬亿億][^\s,，]*")
_UNIT_AFTER = re.compile(r"\s*(?:个)?(?:calendar|working|days?|hours?|minutes?|weeks?|months?|quarters?|years?|日|天|工作日|小时|"
                         r"分钟|周|月|季度|年)", re.IGNORECASE)


_EXPONENT = re.compile(r"[eE][+-]?[0-9]")
_ASSUMPTION_HEAD = re.compile(r"\s*(?:assumption|假定)\s+([^\s\"“]+)")
_PER_UNITS = ("day", "hour")


def _assumption_without_reason(text: str, line: int, col: int) -> str | None:
    """The name of an assumption whose reason is missing where the parser stopped: the statement before the error is
    `assumption NAME "label" = VALUE` with no quoted text after its value (None where it is not)."""
    lines = source_lines(text)
    k = line - 1
    before = _before_error(text, line, col) or ""
    if not before.strip():  # (the error at a line's start: the statement is the line above)
        k -= 1
        while k >= 0 and not lines[k].strip():
            k -= 1
    while k >= 0:
        head = _ASSUMPTION_HEAD.match(lines[k])
        if head is not None:  # (its reason written — a text after its value, on its line or the next —: the slip is
            # elsewhere, the next line's own: review round 46)
            after = "\n".join([lines[k].split("=", 1)[-1], *lines[k + 1:line - 1]]).strip()
            texts = re.findall(r'"[^"\n]*"', re.sub(r"\([^)]*\)", "", after))  # (a `one of (…)`'s texts no reason)
            return None if len(texts) >= (2 if after.startswith('"') else 1) else head.group(1)
        if not lines[k].startswith((" ", "\t")) or k < line - 4:  # (an assumption's value may run over a line or two)
            return None
        k -= 1
    return None


def _per_unit_misspelt(exc: UnexpectedToken, text: str):
    """`per dya` / `per days` where `per day` or `per hour` goes: ((line, column) of the unit as written, the unit
    written, the one meant), or None."""
    tok = exc.token
    if tok.type != "PER" or not ({"PER_DAY", "PER_HOUR"} & set(exc.accepts or exc.expected or ())) \
            or tok.end_pos is None:
        return None
    after = re.match(r"[ \t]+([A-Za-z]{1,12})\b", text[tok.end_pos:])
    if after is None:
        return None
    written = after.group(1)
    unit = written.lower().rstrip("s")
    meant = unit if unit in _PER_UNITS else suggest(written.lower(), _PER_UNITS)
    if meant is None and unit not in _OTHER_UNITS:
        return None  # (`per week`, `per month`: a unit there is, not one amounts accrue by — said so, meant None)
    return (tok.end_line, tok.end_column + after.start(1)), written, meant


_OTHER_UNITS = ("week", "month", "year", "quarter", "minute", "second")


_CURRENCY_NAMED = re.compile(r"(?<![A-Za-z0-9_])(?:RMB|CNY|人民币)\s*([0-9][0-9,]*(?:\.[0-9]+)?)(?![0-9A-Za-z_])", re.IGNORECASE)


def _currency_named(source_line: str, col: int) -> str | None:
    """An amount written with its currency's name (RMB100.00, 人民币 100.00, CNY 100.00) at the error's place on its
    line, as the language writes it (¥100.00); None where there is none."""
    for found in _CURRENCY_NAMED.finditer(source_line):
        if found.start() < col <= found.end() + 1:
            return _as_money(found.group(1))
    return None


def _wan_amount(source_line: str, col: int) -> str | None:
    """An amount written with 万 or 亿 at the error's place on its line (`10万元`, `¥1.5亿`) as the language writes it
    (¥100,000.00) — None where there is none, where it is no whole amount (10万5千), or where a unit of time follows
    (1万 days: a count, not money)."""
    for found in _WAN_WORD.finditer(source_line):
        if found.start() < col and found.end() >= col - 1:
            if _UNIT_AFTER.match(source_line, found.end()):
                return None
            meant = amount_meant(found.group(0))
            return None if meant is None else _as_money(meant)
    return None


def _as_money(number: str) -> str:
    """The amount a number written without ¥ reads as (`20,000.00`, `20000`), as the language writes one
    (¥20,000.00)."""
    from decimal import Decimal, InvalidOperation

    try:
        value = Decimal(number.replace(",", ""))
    except InvalidOperation:
        return "¥1,000.00"
    return f"¥{value:,.2f}" if value.is_finite() and abs(value) < Decimal("1e15") else "¥1,000.00"


_SHARE_AS_PROSE = re.compile(r"([^\s()（）,，=<>+\-*/×÷]+?)\s*的\s*([0-9]+(?:\.[0-9]+)?)\s*$")


def _share_as_prose(before: str | None) -> tuple[str, str] | None:
    """(name, number) of a share written as a contract words it, `合同总价的10` before a `%`."""
    found = _SHARE_AS_PROSE.search(before) if before else None
    return (found.group(1), found.group(2)) if found else None


def _date_as_written(before: str | None, found: str) -> bool:
    """A date written 2026年3月1日 (the year read as a length: 2026 年, then the month's number)."""
    return bool(before and re.search(r"[0-9]{4}\s*年\s*$", before) and found[:1].isdigit())


# a number then spaces, where a percent or per-mille sign was met (`0.05 %`): the number, as the sign wants it
_PERCENT_APART = re.compile(r"(?<![\w.])([0-9]+(?:\.[0-9]+)?)[ \t\u3000]+$")


def _before_error(text: str, line: int, col: int) -> str | None:
    """What the error's line says before its column (None: no such line)."""
    lines = source_lines(text)
    return lines[line - 1][:max(0, col - 1)] if 0 < line <= len(lines) else None


def _after_default(text: str, line: int, col: int) -> bool:
    before = _before_error(text, line, col)
    return before is not None and _DEFAULT_BEFORE.search(before) is not None


_CALL_THEN_NAME = re.compile(r"(?<!\w)([^\W\d]\w*+)\s*+\(\s*+[^\W\d]\w*+\s*$")  # (possessive: a 40,000-character word is not backtracked through)


def _misspelt_aggregate(text: str, line: int, col: int) -> tuple[str, str] | None:
    """(what was written, the aggregate meant) when the error comes just after `word(alias` and the word is a
    misspelling of an aggregate keyword (exists, count, sum …): `exsits(inv i where …)`."""
    from .checker import AGGREGATE_WORDS

    before = _before_error(text, line, col)
    found = _CALL_THEN_NAME.search(before) if before is not None else None
    if found is None or found.group(1) in AGGREGATE_WORDS:
        return None
    meant = suggest(found.group(1), AGGREGATE_WORDS)
    return (found.group(1), meant) if meant else None


_NAME_BEFORE = re.compile(r"(?<![\w.])([^\W\d]\w*+)[ \t]+$")


@functools.lru_cache(maxsize=1)
def _keyword_spellings() -> tuple[str, ...]:
    """Every spelling of every keyword (`for each`, `每当`, `default` …)."""
    return tuple(sorted({f.replace("\\s+", " ").replace("s?", "s") for forms in keyword_forms(_parser().terminals).values()
                         for f in forms}))


def _misspelt_keyword(text: str, line: int, col: int, exc: UnexpectedToken) -> tuple[str, str] | None:
    """(what was written, the keyword meant) when the error comes just after a word that misspells a keyword
    and was read as a name (`urgent: bool deafult false`, `where no f.urgent`) — only if, with the keyword
    written in its place, the file reads on past the error (a did-you-mean that would not help is none)."""
    lines = text.split("\n")
    if not 0 < line <= len(lines):
        return None
    found = _NAME_BEFORE.search(lines[line - 1][:max(0, col - 1)])
    spellings = _keyword_spellings()
    if found is None or found.group(1) in spellings or len(found.group(1)) > 20:
        return None
    meant = suggest(found.group(1), [s for s in spellings if s[0].isascii() == found.group(1)[0].isascii()])
    if meant is None:
        return None
    start = sum(len(x) + 1 for x in lines[:line - 1]) + found.start(1)
    fixed = text[:start] + meant + text[found.end(1) + start - found.start(1):]
    try:
        _parser().parse(normalize_punctuation(fixed))
    except UnexpectedInput as again:
        if getattr(again, "pos_in_stream", None) is None or again.pos_in_stream is None \
                or again.pos_in_stream <= exc.pos_in_stream + len(meant) - len(found.group(1)):
            return None
    return found.group(1), meant


def _written(ch) -> str | None:
    """The operator word of an `and`/`or` as written (且, 或, and, or)."""
    return next((str(c) for c in ch if isinstance(c, Token) and _kw(c)), None)


def _kw(tok) -> bool:
    return isinstance(tok, Token) and tok.type not in ("NAME", "STRING", "NUMBER", "MONEY", "PERCENT", "DATE",
                                                       "COMPARE", "ADDOP", "DOT")


def _unquote(tok: Token) -> str:
    return str(tok)[1:-1]


def whole(tok: Token, path: str, what: str) -> int:
    """A whole number where the language needs one (days, a row key, a range); ``what`` names the
    place as a ``word:whole.…`` key's last part (range_bound, row_number, duration, day_number)."""
    raw = str(tok)
    span = m.Span(path, tok.line, tok.column, tok.end_line or tok.line, tok.end_column or tok.column + 1)
    if not raw.isdigit():
        raise QiyueError([diag("not_whole_number", span, what=word(f"whole.{what}"), raw=raw,
                               expected=["a whole number such as 2"],
                               hint={"duration": "hint:whole_number", "range_bound": "hint:whole_number.range"}.get(what))])
    most = 18 if what == "range_bound" else 6  # (`int 0..1000000`: a bound as large as a fact's int may be — 10¹⁸ - 1;
    # days, rows and durations stay within six digits — fuzz round 33)
    if len(raw) > most:
        raise QiyueError([diag("number_too_large", span, what=word(f"whole.{what}"), raw=number_shown(raw),
                               expected=[f"at most {'9' * most}"])])
    return int(raw)


def parse_money(raw: str) -> Decimal:
    """A money literal (¥1,000.00, ¥ 1000) → its exact amount, in the one written form facts use too
    (amounts.read_amount: ASCII digits, commas between groups of three, at most two decimals);
    a ``Refusal`` (a ValueError) saying what is wrong with any other."""
    body = raw[1:] if raw[:1] in "¥￥" else raw
    if body[:1].isspace():  # the one space the grammar allows after ¥
        body = body[1:]
    return read_amount(body, raw, bounded=False)  # (the checker says when an amount is out of range)


def money_literal(tok: Token, path: str) -> Decimal:
    """A MONEY token's amount, or a ``bad_money`` error at the place it is written."""
    try:
        return parse_money(str(tok))
    except Refusal as exc:
        span = m.Span(path, tok.line, tok.column, tok.end_line or tok.line, tok.end_column or tok.column + 1)
        raise QiyueError([diag("bad_money", span, text=shown(str(tok)), problem=exc.msg,
                               expected=["an amount like ¥1,000.00"])]) from None


# Where each kind of declaration is kept in the RuleFile.
_HOMES = {m.Party: "parties", m.Param: "params", m.PeriodDecl: "periods", m.EventDecl: "events",
          m.Table: "tables", m.Obligation: "obligations", m.Remedy: "remedies", m.Deemed: "deemed",
          m.FindingRule: "findings", m.Verify: "verifications", m.Property: "properties"}
_LIFE_HOMES = {"effective": "effective", "termination": "terminations"}

UNITS = {"MINUTES": Unit.MINUTES, "HOURS": Unit.HOURS, "DAYS": Unit.DAYS, "WORKING_DAYS": Unit.WORKING_DAYS,
         "MONTHS": Unit.MONTHS, "YEARS": Unit.YEARS, "WEEKS": "weeks"}


# a finding's severity in Chinese, as every other keyword has its Chinese form (§10): 错误, 警告, 说明 (user round 23)
_SEVERITY_ZH = {"错误": "error", "警告": "warning", "说明": "info"}


def _severity(tok) -> str:
    """A finding's severity as the model keeps it: error, warning or info (its Chinese word read as the English one;
    anything else as written, for the checker to refuse with ``bad_severity``)."""
    return _SEVERITY_ZH.get(str(tok), str(tok))


def _date_meant(text: str) -> str | None:
    """A DATE token not written YYYY-MM-DD (2026-2-13, 2026.2.13, 2026/04/01 — user round 29): the YYYY-MM-DD it means;
    None for one that is."""
    if len(text) == 10 and text[4] == "-" and text[7] == "-":
        return None
    year, month, day = text.replace(".", "-").replace("/", "-").split("-")
    return f"{year}-{int(month):02d}-{int(day):02d}"


_RECUR_UNITS = {"WEEKS": "weeks", "MONTHS": "months", "QUARTERS": "quarters", "YEARS": "years"}

# which written parts of a rule are one part (two of them would be a silent choice)
_PART_KIND = {"fulfilled_by": "fulfilment", "fulfilled_when": "fulfilment", "violated_by": "fulfilment"}


def _join_once(first, more):
    """Several `once per` of one rule, each for the lines that bind what it reads (2.1(3): `once per h.at` for the
    failed acceptances, `once per s.subproject, s.at` for the outages): one value form of several parts ``(None,
    (EXPR, …), (EXPR, …))``, an ALIAS its name.  A bare `once` beside another is refused by the checker
    (``duplicate_part``): kept as written first."""
    if first is None:
        return more
    if len(first) == 1 or len(more) == 1:
        return first
    return (None, *[part for f in (first, more) for part in (f[1:] if f[0] is None else (f[1],))])


def _part_span(val, default: m.Span) -> m.Span:
    """Where a rule's part was written: its node's span, or the rule's when it has none."""
    for v in val:
        span = getattr(v, "span", None)
        if isinstance(span, m.Span):
            return span
        if isinstance(v, list) and v and isinstance(getattr(v[0], "span", None), m.Span):
            return v[0].span
        if isinstance(v, m.Span):
            return v
    return default


@v_args(meta=True)
class _Builder(Transformer):
    """Builds model nodes bottom-up; top-level items are collected in ``build``."""

    def __init__(self, path: str, text: str):
        super().__init__()
        self.path, self.text = path, text
        self._depth = 0  # how many expression levels enclose the node being built (a sum: one)
        self._real = 0  # … and how many levels the model has there (a sum of n terms: n - 1)
        self._callbacks: dict = {}

    def _transform_tree(self, tree):
        """Build a node bottom-up without recursion (however deep the tree: lark's own transformer
        recurses), refusing an expression nested more than MAX_DEPTH levels deep before its children
        are built — everything after the parser walks expressions recursively."""
        stack = [[tree, 0, [], self._enter(tree)]]  # node, next child, children built, its levels (both)
        while True:
            frame = stack[-1]
            node, i, built = frame[0], frame[1], frame[2]
            if i < len(node.children):
                frame[1] = i + 1
                child = node.children[i]
                if isinstance(child, Tree):
                    stack.append([child, 0, [], self._enter(child)])
                    continue
                res = self._call_userfunc_token(child) if isinstance(child, Token) else child
            else:
                stack.pop()
                self._depth -= frame[3][0]
                self._real -= frame[3][1]
                res = self._call_userfunc(node, built)
                if not stack:
                    return res
            if res is not Discard:
                stack[-1][2].append(res)

    def _call_userfunc(self, tree, new_children=None):
        """lark's own, with each rule's callback looked up once per file (lark builds a new wrapper
        for it at every node: a third of the time of building a large file)."""
        children = new_children if new_children is not None else tree.children
        f = self._callbacks.get(tree.data)
        if f is None:
            f = getattr(self, tree.data, None)
            if f is None:
                return self.__default__(tree.data, children, tree.meta)
            self._callbacks[tree.data] = f
        try:
            wrapper = getattr(f, "visit_wrapper", None)
            return wrapper(f, tree.data, children, tree.meta) if wrapper is not None else f(children)
        except GrammarError:
            raise
        except Exception as e:
            raise VisitError(tree.data, tree, e) from e

    def _enter(self, tree) -> tuple[int, int]:
        """The expression levels ``tree`` opens, as people count them and as the model has them: a sum
        (or product) of n terms is one level of nesting but n - 1 levels of the model, ((a + b) + c) + ….
        Refused: a sum of more than MAX_DEPTH terms, nesting more than MAX_DEPTH levels, and a model
        more than MAX_REAL levels deep (sums inside sums inside …, each term a level)."""
        if tree.data not in _NESTING:
            return _NO_LEVELS
        real = (len(tree.children) - 1) // 2 if tree.data == "additive" else 1
        if not real:  # (a term alone: no level)
            return _NO_LEVELS
        self._depth += 1
        self._real += real
        if real >= MAX_DEPTH or self._depth > MAX_DEPTH or self._real > MAX_REAL:
            span, nested = self.span(tree.meta), self._depth > MAX_DEPTH
            self._depth = self._real = 0
            if real >= MAX_DEPTH:  # the sum (or product: one rule of the grammar) alone is too long —
                # said as what it is, a product by its operators (fuzz round 34)
                product = all(str(op) in _PRODUCT_OPS for op in tree.children[1::2])
                raise QiyueError([diag("too_deep.factors" if product else "too_deep.terms", span, terms=real + 1,
                                       limit=MAX_DEPTH, hint="hint:too_deep")])
            if not nested:
                raise QiyueError([diag("too_deep.sums", span, limit=MAX_REAL, hint="hint:too_deep")])
            raise QiyueError([diag("too_deep", span, limit=MAX_DEPTH, hint="hint:too_deep")])
        return 1, real

    def __default_token__(self, tok):
        """A number of more than MAX_DIGITS digits is refused before anything converts it; so is one
        written with digits other than 0–9 (the grammar's \\d also matches ５ and ٥, which int() reads)."""
        if tok.type in _NUMERIC_TOKENS or tok.type == "DATE":
            odd = None if tok.isascii() or tok.type == "MONEY" else next(  # (an amount's digits: parse_money says
                (ch for ch in tok if not ch.isascii() and (tok.type != "PERCENT" or ch.isdigit())), None)  # why;
            if odd is not None:  # a rate's ‰ and 万分之五 are words, its digits 0–9)
                raise QiyueError([diag("bad_number.digits", self.tspan(tok), text=str(tok)[:40], char=odd,
                                       expected=["0-9"])])
            digits = sum(ch.isdigit() for ch in tok)
            if digits > MAX_DIGITS:
                raw = "".join(ch for ch in tok if ch.isdigit())
                raise QiyueError([diag("number_too_large.digits", self.tspan(tok), shown=number_shown(raw),
                                       digits=digits, limit=MAX_DIGITS, expected=[f"at most {MAX_DIGITS} digits"])])
        return tok

    def span(self, meta) -> m.Span:
        if getattr(meta, "empty", False) or not hasattr(meta, "line"):
            return m.Span(self.path, 0, 0, 0, 0)
        return m.Span(self.path, meta.line, meta.column, meta.end_line, meta.end_column)

    def tspan(self, tok: Token) -> m.Span:
        return m.Span(self.path, tok.line, tok.column, tok.end_line or tok.line, tok.end_column or tok.column + 1)

    # ------------------------------------------------------------ assembly
    def build(self, tree: Tree) -> m.RuleFile:
        items = self.transform(tree)
        rf = m.RuleFile(path=self.path, text=self.text)
        for item in items:
            self._collect(rf, item, None)
        return rf

    def _collect(self, rf: m.RuleFile, item, clause: str | None):
        """File each declaration in the rule file, with the clause it stands in."""
        if isinstance(item, m.Contract):
            if rf.contract is not None:
                raise QiyueError([diag("duplicate_contract", item.span, hint="hint:merge_contracts")])
            rf.contract = item
        elif isinstance(item, tuple) and item[0] == "clause":
            _, cl, children = item
            rf.clauses.append(cl)
            for child in children:
                if isinstance(child, tuple) and child[0] == "quote":
                    cl.quote = child[1]
                else:
                    self._collect(rf, child, cl.number)
        else:
            if hasattr(item, "clause"):
                item.clause = clause
            home = _LIFE_HOMES[item.kind] if isinstance(item, m.Life) else _HOMES[type(item)]
            getattr(rf, home).append(item)

    def start(self, meta, children):
        return children

    # ------------------------------------------------------------ header
    def contract(self, meta, ch):
        strings = [c for c in ch if isinstance(c, Token) and c.type == "STRING"]
        entries = [c for c in ch if isinstance(c, tuple)]
        c = m.Contract(self.span(meta), _unquote(strings[0]), _unquote(strings[1]) if len(strings) > 1 else None)
        for kind, *rest in entries:
            if kind == "number":
                if rest[0] in c.numbers:
                    c.repeated.append(("number", rest[0], rest[2]))
                c.numbers[rest[0]] = rest[1]
                c.number_spans.setdefault(rest[0], rest[2])
            elif kind == "file":
                c.calendar_files.append((rest[0], rest[1]))
            elif kind == "fallback":
                if c.calendar_fallback is not None:
                    c.repeated.append(("fallback", rest[0], rest[1]))
                c.calendar_fallback, c.calendar_fallback_span = rest[0], rest[1]
        return c

    def contract_number(self, meta, ch):
        return ("number", str(ch[1]), _unquote(ch[2]), self.tspan(ch[1]))

    def calendar_official(self, meta, ch):
        return ("official",)

    def calendar_file(self, meta, ch):
        return ("file", _unquote(ch[2]), self.tspan(ch[2]))

    def calendar_fallback(self, meta, ch):
        return ("fallback", str(ch[2]), self.tspan(ch[2]))

    def party(self, meta, ch):
        ch = [c for c in ch if not _kw(c)]
        name = str(ch[0])
        label = _unquote(ch[1]) if len(ch) > 1 and ch[1].type == "STRING" else None
        role = str(ch[-1]) if len(ch) > 1 and ch[-1].type == "NAME" else None
        return m.Party(self.span(meta), name, label, role)

    def _name_label(self, ch):
        name = str(ch[0])
        if len(ch) > 1 and isinstance(ch[1], Token) and ch[1].type == "STRING":
            return name, _unquote(ch[1]), ch[2:]
        return name, None, ch[1:]

    def param(self, meta, ch):
        ch = [c for c in ch if not _kw(c)]
        name, label, rest = self._name_label(ch)
        p = m.Param(self.span(meta), name, label, rest[0])
        if len(rest) > 1:
            p.stated, p.stated_span, p.words = rest[1]
        return p

    def stated(self, meta, ch):
        money = next((c for c in ch if isinstance(c, Token) and c.type == "MONEY"), None)
        words = next((c for c in ch if isinstance(c, Token) and c.type == "STRING"), None)
        return (money_literal(money, self.path) if money else None, self.tspan(money) if money else self.span(meta),
                _unquote(words) if words else None)

    def assumption(self, meta, ch):
        ch = [c for c in ch if not _kw(c)]
        name, label, rest = self._name_label(ch)
        p = m.Param(self.span(meta), name, label, rest[0], is_assumption=True, explanation=rest[-1])
        if len(rest) > 2:  # `one of ("a", "b")`: the readings it may take, each with the words a report gives it
            p.choices, p.choices_span, p.choice_labels = rest[1]
        return p

    def choices(self, meta, ch):
        pairs = [c for c in ch if isinstance(c, tuple)]
        # (every pair kept: a reading listed twice, or given empty words, is refused when checked)
        return tuple(v for v, _ in pairs), self.span(meta), {v: label for v, label in pairs if label is not None}

    def choice(self, meta, ch):
        strings = [_unquote(c) for c in ch if isinstance(c, Token) and c.type == "STRING"]
        return strings[0], (strings[1] if len(strings) > 1 else None)

    def texts(self, meta, ch):
        return "".join(_unquote(c) for c in ch)

    def period(self, meta, ch):
        ch = [c for c in ch if not _kw(c)]
        name, label, rest = self._name_label(ch)
        counting = rest[1] if isinstance(rest[1], Counting) else None
        return m.PeriodDecl(self.span(meta), name, label, rest[0], counting, rest[-1])

    # ------------------------------------------------------------ events
    def event_decl(self, meta, ch):
        ch = [c for c in ch if not _kw(c)]
        name, label, rest = self._name_label(ch)
        attrs = [c for c in rest if isinstance(c, m.AttrDecl)]
        reqs = [c for c in rest if isinstance(c, m.Requirement)]
        return m.EventDecl(self.span(meta), name, label, attrs, reqs)

    def attr(self, meta, ch):
        a = m.AttrDecl(self.span(meta), str(ch[0]), ch[1])
        for opt in ch[2:]:
            if opt[0] == "optional":
                a.optional = True
            elif opt[0] == "default":
                a.default, a.has_default, a.default_kind = opt[1], True, opt[2]
            elif opt[0] == "label":
                a.label = opt[1]
            elif opt[0] == "ahead":
                a.ahead = True
        return a

    def optional(self, meta, ch):
        return ("optional",)

    def ahead(self, meta, ch):
        return ("ahead", self.span(meta))

    def default(self, meta, ch):
        return ("default", ch[1].value, ch[1].kind)

    def default_value(self, meta, ch):  # (the literals of `default`: read as any literal)
        return self.literal(meta, ch)

    def label(self, meta, ch):
        return ("label", _unquote(ch[0]))

    def int_type(self, meta, ch):
        rng = ch[1] if len(ch) > 1 else (None, None)
        return m.AttrType("int", rng[0], rng[1])

    def int_range(self, meta, ch):
        nums = [whole(c, self.path, "range_bound") for c in ch if isinstance(c, Token) and c.type == "NUMBER"]
        if len(nums) == 2 and nums[0] > nums[1]:
            raise QiyueError([diag("empty_range", self.span(meta), low=nums[0], high=nums[1],
                                   hint="hint:swap_range")])
        return (nums[0], nums[1] if len(nums) > 1 else None)

    def number_type(self, meta, ch):
        rng = ch[1] if len(ch) > 1 else (None, None)
        return m.AttrType("number", rng[0], rng[1])

    def number_range(self, meta, ch):
        nums, sign = [], 1
        for c in ch:  # (a bound may be negative: `decimal -10..10`)
            if isinstance(c, Token) and c.type == "ADDOP":
                sign = -1 if str(c) == "-" else 1
            elif isinstance(c, Token) and c.type == "NUMBER":
                nums.append(sign * Decimal(str(c)))
                sign = 1
        if len(nums) == 2 and nums[0] > nums[1]:
            raise QiyueError([diag("empty_range", self.span(meta), low=nums[0], high=nums[1],
                                   hint="hint:swap_range")])
        return (nums[0], nums[1] if len(nums) > 1 else None)

    def money_type(self, meta, ch):
        """`money`: an amount, never negative; `money -10000000..10000000`: within those bounds, which may let it be
        negative (a net figure: sales less returns; an adjustment) — bounds of whole fen."""
        if len(ch) < 2:
            return m.AttrType("money")
        low, high = ch[1]
        for bound in (low, high):
            if bound is not None and bound.as_tuple().exponent < -2:
                raise QiyueError([diag("money_bound_fraction", self.span(meta), value=f"{bound:f}",
                                       hint="hint:money_bound_fraction")])
        return m.AttrType("money", low, high)
    def bool_type(self, meta, ch): return m.AttrType("bool")
    def date_type(self, meta, ch): return m.AttrType("date")
    def datetime_type(self, meta, ch): return m.AttrType("datetime")
    def text_type(self, meta, ch):
        """`text`; `text (force_majeure "不可抗力", …)`: any text, with the words a report uses for the values listed."""
        pairs = [c for c in ch[1:] if isinstance(c, tuple)]
        return m.AttrType("text", values=tuple(v for v, _ in pairs),  # (the values listed: one twice is refused)
                          value_labels={v: label for v, label in pairs if label is not None})
    def party_type(self, meta, ch): return m.AttrType("party")
    def ref_type(self, meta, ch):
        """`ref` names any other fact; `ref (incident_reported)` only facts of the types listed."""
        names = tuple(str(c) for c in ch if isinstance(c, Token) and c.type == "NAME")
        return m.AttrType("ref", values=names, spans={n: self.tspan(c) for n, c in zip(
            names, [c for c in ch if isinstance(c, Token) and c.type == "NAME"])})

    def enum_type(self, meta, ch):
        pairs = [c for c in ch[1:] if isinstance(c, tuple)]
        return m.AttrType("enum", values=tuple(v for v, _ in pairs),
                          value_labels={v: label for v, label in pairs if label is not None})

    def enum_value(self, meta, ch):
        value = _unquote(ch[0]) if ch[0].type == "STRING" else str(ch[0])
        return value, (_unquote(ch[1]) if len(ch) > 1 else None)

    def requirement(self, meta, ch):
        return m.Requirement(self.span(meta), str(ch[1]), ch[3])

    # ------------------------------------------------------------ tables
    def table(self, meta, ch):
        ch = [c for c in ch if not _kw(c)]
        name, label, rest = self._name_label(ch)
        t = m.Table(self.span(meta), name, label, [c for c in rest if isinstance(c, m.Column)],
                    [c for c in rest if isinstance(c, m.Row)])
        tot = next((c for c in rest if isinstance(c, tuple)), None)
        if tot:
            t.total, t.total_words, t.total_span = tot
        return t

    def column(self, meta, ch):
        label = _unquote(ch[2]) if len(ch) > 2 else None
        return m.Column(self.span(meta), str(ch[0]), ch[1], label)

    def row(self, meta, ch):
        cells = ch[1:]
        return m.Row(self.span(meta), whole(ch[0], self.path, "row_number"), [lit.value for lit in cells],
                     [lit.kind for lit in cells], [self._written(lit.span) for lit in cells])

    def _written(self, span: m.Span) -> str:
        """A literal as the rule file writes it (a cell of a table quoted in a message: 1.5, 5%, not Decimal('1.5'))."""
        if span.line != span.end_line or span.line <= 0:
            return ""
        lines = self.__dict__.get("_lines")
        if lines is None:  # (split once per file, not once per cell: a table of thousands of rows)
            lines = self.__dict__["_lines"] = self.text.splitlines()
        return lines[span.line - 1][span.column - 1:span.end_column - 1] if span.line <= len(lines) else ""

    def table_total(self, meta, ch):
        words = next((c for c in ch if isinstance(c, Token) and c.type == "STRING"), None)
        return (money_literal(ch[1], self.path), _unquote(words) if words else None, self.tspan(ch[1]))

    # ------------------------------------------------------------ clauses
    def clause(self, meta, ch):
        strings = [c for c in ch[1:3] if isinstance(c, Token) and c.type == "STRING"]
        items = [c for c in ch[1 + len(strings):] if not _kw(c)]
        cl = m.Clause(self.span(meta), _unquote(strings[0]), _unquote(strings[1]) if len(strings) > 1 else None)
        return ("clause", cl, items)

    def quote(self, meta, ch):
        return ("quote", ch[1])

    def _rule_parts(self, ch):
        ch = [c for c in ch if not _kw(c)]
        return self._name_label(ch)

    def obligation(self, meta, ch):
        name, label, rest = self._rule_parts(ch)
        o = m.Obligation(self.span(meta), name, label, clause="")
        for kind, *val in rest:
            o.parts.append((_PART_KIND.get(kind, kind), _part_span(val, o.span)))
            if kind == "debtor":
                o.debtor = val[0]
            elif kind == "creditor":
                o.creditor = val[0]
            elif kind == "trigger":
                o.triggers.append(val[0])
            elif kind == "fulfilled_by":
                f = val[0]
                o.fulfilled_by, o.counting_earlier, o.earlier_since, o.exclusive = \
                    f.pattern, f.counting_earlier, f.earlier_since, f.exclusive
            elif kind == "fulfilled_or_by":
                o.alternatives.append(val[0])
            elif kind == "fulfilled_when":
                o.fulfilled_when = val[0]
            elif kind == "violated_by":
                o.violated_by = val[0]
            elif kind == "deadline":
                o.deadline = val[0]
            elif kind == "excuse":
                o.excuses.append(val[0])
            elif kind == "caveat":
                o.caveats.append(val[0])
            elif kind == "suspension":
                if val[1] is not None:  # (`counted by day`)
                    o.pause_by_day[len(o.suspensions)] = val[1]
                o.suspensions.append(val[0])
            elif kind == "extension":
                if len(val) > 1 and val[1] is not None:  # (`accelerated by … exercises POWER`)
                    o.accel_powers[len(o.extensions)] = val[1]
                if len(val) > 2 and val[2] is not None:  # (`accelerated by … with later periods`)
                    o.accel_later[len(o.extensions)] = val[2]
                o.extensions.append(val[0])
            elif kind == "once":
                o.once = _join_once(o.once, val[0])
            elif kind == "survives":
                o.survives, o.survives_if = True, val[1]
            elif kind == "note":
                o.notes.append(val[0])
        return o

    def extension(self, meta, ch):
        pattern = next(c for c in ch if isinstance(c, m.Pattern))
        return ("extension", (pattern, next(c for c in ch if isinstance(c, m.Expr)), "until"))

    def _length_word(self, ch):
        """`顺延` after the pattern's last value is lexed as `as act`'s Chinese (both spell it): the length word here;
        `as act` itself is no such word."""
        for tok in ch:
            if isinstance(tok, Token) and tok.type == "AS_ACT" and str(tok) != "顺延":
                raise QiyueError([diag("syntax_error", self.tspan(tok), token=str(tok), found=repr(str(tok)),
                                       expected=["顺延 / for"])])

    def extension_for(self, meta, ch):
        self._length_word(ch)
        pattern = next(c for c in ch if isinstance(c, m.Pattern))
        return ("extension", (pattern, next(c for c in ch if isinstance(c, m.Expr)), "for"))

    def extension_for_back(self, meta, ch):  # (`… for x.days days retroactively`: after the deadline too)
        self._length_word(ch)
        pattern = next(c for c in ch if isinstance(c, m.Pattern))
        return ("extension", (pattern, next(c for c in ch if isinstance(c, m.Expr)), "for_back"))

    def acceleration(self, meta, ch):  # (no `until`: the fact's own instant)
        pattern = next(c for c in ch if isinstance(c, m.Pattern))
        power = next((c[1:] for c in ch if isinstance(c, tuple) and c and c[0] == "exercises"), None)
        later = next((self.tspan(c) for c in ch if isinstance(c, Token) and c.type == "WITH_LATER"), None)
        return ("extension", (pattern, next((c for c in ch if isinstance(c, m.Expr)), None), "earlier"), power, later)

    def suspension(self, meta, ch):
        start, end = [c for c in ch if isinstance(c, m.Pattern)]
        by_day = next((self.tspan(c) for c in ch if isinstance(c, Token) and c.type == "BY_DAY"), None)
        return ("suspension", (start, end), by_day)

    def debtor(self, meta, ch): return ("debtor", ch[1])
    def creditor(self, meta, ch): return ("creditor", ch[1])
    def holder(self, meta, ch): return ("holder", [c for c in ch[1:] if isinstance(c, m.Expr)])

    def verify(self, meta, ch):
        return m.Verify(self.span(meta), ch[1], ch[2])

    def violated_by(self, meta, ch):
        return ("violated_by", ch[1])

    def deadline_until(self, meta, ch):
        return ("deadline", m.Deadline(self.span(meta), m.DurationExpr(self.span(meta)), None, None, until=ch[1]))
    def amount(self, meta, ch):
        """`amount EXPR`, `… per day` / `… per hour`, `… per day only if COND`, `… only if COND`: (expr, the
        token of its unit or None, the unit's switch, the amount's switch)."""
        if len(ch) > 2 and isinstance(ch[2], Token) and ch[2].type == "ONLY_IF":
            return ("amount", ch[1], None, None, ch[3])
        return ("amount", ch[1], ch[2].type if len(ch) > 2 else None, ch[4] if len(ch) > 4 else None, None)
    def note(self, meta, ch): return ("note", ch[1])

    def _fulfilment(self, meta, ch) -> m.Fulfilment:
        exclusive = any(isinstance(c, Token) and c.type == "EXCLUSIVELY" for c in ch)
        earlier = any(isinstance(c, Token) and c.type == "EARLIER" for c in ch)
        since = next((c for c in ch[2:] if isinstance(c, m.Expr)), None)
        return m.Fulfilment(self.span(meta), ch[1], earlier, since, exclusive)

    def fulfilled_by(self, meta, ch):
        return ("fulfilled_by", self._fulfilment(meta, ch))

    def fulfilled_or_by(self, meta, ch):
        return ("fulfilled_or_by", self._fulfilment(meta, ch))

    def survives(self, meta, ch):
        cond = next((c for c in ch if isinstance(c, m.Expr)), None)
        return ("survives", self.span(meta), cond)

    def cap(self, meta, ch):
        unit = next((c for c in ch[2:] if isinstance(c, str) and c in _RECUR_UNITS.values()), None)
        return ("cap", self.span(meta), ch[1], unit)

    def row_cap(self, meta, ch):
        return ("row_cap", self.span(meta), ch[1])

    def row_floor(self, meta, ch):
        return ("row_floor", self.span(meta), ch[1])

    def alternative(self, meta, ch):
        return ("alternative", self.span(meta), [(str(c), self.tspan(c)) for c in ch
                                                 if isinstance(c, Token) and c.type == "NAME"])

    def recomputed(self, meta, ch):
        return ("recomputed", self.span(meta), len(ch) > 1)  # (`at day end`: a day on the facts to its end)

    def each_day_once(self, meta, ch):
        cond = next((c for c in ch if isinstance(c, m.Expr)), None)
        return ("each_day_once", self.span(meta), cond)

    def deadline_by(self, meta, ch):
        counting = next((c for c in ch[2:] if isinstance(c, Counting)), None)  # (`as act`: days added are moved)
        return ("deadline", m.Deadline(self.span(meta), m.DurationExpr(self.span(meta)), counting, None, by=ch[1]))

    def deadline_forever(self, meta, ch):
        return ("deadline", m.Deadline(self.span(meta), m.DurationExpr(self.span(meta)), None, None, forever=True))

    def effective(self, meta, ch):
        return self._life("effective", meta, ch)

    def termination(self, meta, ch):
        return self._life("termination", meta, ch)

    def _life(self, kind, meta, ch):
        name, label, rest = self._rule_parts(ch)
        life = m.Life(self.span(meta), kind, name, label, clause=None)
        for item, *val in rest:
            if item not in ("exercises", "trigger", "note", "case"):  # (``Checker.check_parts``: two `lapses when`)
                life.parts.append((item, _part_span(val, life.span)))
            if item == "trigger":
                life.triggers.append(val[0])
            elif item == "ends_only":  # (a termination's alone — ``Checker.check_life``)
                life.ends_only = val[0]
            elif item == "exercises":
                if life.exercises is not None:
                    raise QiyueError([diag("duplicate_part.exercises", val[2], what=word(f"rule.{kind}"),
                                           name=name, first=str(life.exercises_span), hint="hint:one_power")])
                life.exercises, life.held_by, life.exercises_span = val
            elif item == "note":
                life.notes.append(val[0])
            elif item == "case":  # (`at MOMENT`: checked to be a termination's — ``Checker.check_life``)
                life.ends_at.append(val[0])
            elif item == "lapses":  # (an effective's: checked — ``Checker.check_life``)
                life.lapses_when = val[0]
        return life

    def exercises(self, meta, ch):
        ch = [c for c in ch if not _kw(c)]
        return ("exercises", str(ch[0]), ch[1] if len(ch) > 1 else None, self.span(meta))

    def ends_only(self, meta, ch):
        """`ends only RULE [ALIAS where COND], …` / `仅终止 …`: the rules a termination of part of the contract ends —
        each (name, span, alias, condition), the alias and condition None where the whole rule ends."""
        return ("ends_only", [c for c in ch if isinstance(c, tuple)], self.span(meta))

    def ends_item(self, meta, ch):
        ch = [c for c in ch if not _kw(c)]
        alias = str(ch[1]) if len(ch) > 2 else None
        return (str(ch[0]), self.tspan(ch[0]), alias, ch[-1] if len(ch) > 1 else None)

    def fulfilled_when(self, meta, ch):
        return ("fulfilled_when", ch[1])

    def deadline(self, meta, ch):
        ch = [c for c in ch if not _kw(c)]
        counting = next((c for c in ch if isinstance(c, Counting)), None)
        anchor = ch[-1] if len(ch) > 1 and isinstance(ch[-1], m.Expr) else None
        return ("deadline", m.Deadline(self.span(meta), ch[0], counting, anchor))

    def once(self, meta, ch):
        """`once`, `once per ALIAS` (one instance per the event bound to ALIAS) or `once per EXPR, …` (one instance
        per value: `once per h.at`, `once per a.party, a.at` — one record of a thing recorded twice).  The model's
        form (``_join_once``): ``(None,)``; ``(ALIAS, (its name,))``; ``(None, (EXPR, …))``."""
        exprs = [c for c in ch if isinstance(c, m.Expr)]
        if len(exprs) == 1 and isinstance(exprs[0], m.Name):
            return ("once", (exprs[0].name, (exprs[0],)), self.span(meta))
        return ("once", (None, tuple(exprs)) if exprs else (None,), self.span(meta))

    def deadline_before(self, meta, ch):
        ch = [c for c in ch if not _kw(c)]
        return ("deadline", m.Deadline(self.span(meta), ch[0], None, ch[1], before=True))

    def excuse(self, meta, ch):
        retro = next((self.tspan(c) for c in ch if isinstance(c, Token) and c.type == "RETROACTIVELY"), None)
        rest = [c for c in ch[2:] if not (isinstance(c, Token) and c.type == "RETROACTIVELY")]
        return ("excuse", m.Excuse(self.span(meta), ch[1], rest[0] if rest else None, retro))

    def caveat(self, meta, ch):
        return ("caveat", m.Excuse(self.span(meta), ch[1], ch[2]))

    def remedy(self, meta, ch):
        name, label, rest = self._rule_parts(ch)
        r = m.Remedy(self.span(meta), name, label, clause="")
        for kind, *val in rest:
            r.parts.append((_PART_KIND.get(kind, kind), _part_span(val, r.span)))
            if kind == "holder":
                r.holders = val[0]
            elif kind == "trigger":
                r.triggers.append(val[0])
            elif kind == "amount":
                r.amount, unit, unit_if, r.amount_if = val
                if unit == "PER_HOUR":
                    r.per_hour, r.per_hour_if = True, unit_if
                elif unit == "PER_DAY":
                    r.per_day, r.per_day_if = True, unit_if
            elif kind == "once":
                r.once = _join_once(r.once, val[0])
            elif kind == "survives":
                r.survives, r.survives_if = True, val[1]
            elif kind == "each_day_once":
                r.each_day_once, r.each_day_once_if = True, val[1]
            elif kind == "recomputed":
                r.recomputed, r.recomputed_at_end = True, val[1]
            elif kind == "cap":
                r.cap, r.cap_per = val[1], val[2]
            elif kind == "row_cap":
                r.row_cap = val[1]
            elif kind == "row_floor":
                r.row_floor = val[1]
            elif kind == "alternative":
                r.alternatives += val[1]
            elif kind == "settled":
                r.settled_by = val[0]
            elif kind == "lapses":
                r.lapses_when = val[0]
            elif kind == "exercise":
                r.exercise_within, r.exercise_counting, r.exercise_until = val[0], val[1], val[2]
            elif kind == "caveat":
                r.caveats.append(val[0])
            elif kind == "note":
                r.notes.append(val[0])
        return r

    def lapses(self, meta, ch):
        return ("lapses", ch[1])

    def exercise_within(self, meta, ch):
        ch = [c for c in ch if not _kw(c)]
        counting = next((c for c in ch if isinstance(c, Counting)), None)
        return ("exercise", ch[0], counting, None, self.span(meta))

    def exercise_until(self, meta, ch):
        return ("exercise", None, None, ch[1], self.span(meta))

    def settled(self, meta, ch):
        return ("settled", next(c for c in ch if isinstance(c, m.Pattern)))

    def deemed(self, meta, ch):
        name, label, rest = self._rule_parts(ch)
        d = m.Deemed(self.span(meta), name, label, clause="")
        for kind, *val in rest:
            d.parts.append((_PART_KIND.get(kind, kind), _part_span(val, d.span)))
            if kind == "trigger":
                d.triggers.append(val[0])
            elif kind == "case":
                d.cases.append(val[0])
            elif kind == "otherwise":
                d.otherwise = val[0]
            elif kind == "once":
                d.once = _join_once(d.once, val[0])
            elif kind == "survives":
                d.survives, d.survives_if = True, val[1]
            elif kind == "note":
                d.notes.append(val[0])
        return d

    def deemed_at(self, meta, ch):
        ch = [c for c in ch if not _kw(c)]  # (`at M` or `otherwise: at M`: the case taken when no `if` case holds)
        return ("case", m.DeemedCase(self.span(meta), None, ch[0], ch[1] if len(ch) > 1 else None))

    def deemed_case(self, meta, ch):
        ch = [c for c in ch if not _kw(c)]
        return ("case", m.DeemedCase(self.span(meta), ch[0], ch[1], ch[2] if len(ch) > 2 else None))

    def otherwise(self, meta, ch):
        ch = [c for c in ch if not _kw(c)]
        return ("otherwise", m.Otherwise(self.span(meta), str(ch[0]), _severity(ch[1]), ch[2]))

    def property(self, meta, ch):
        name, label, rest = self._rule_parts(ch)
        p = m.Property(self.span(meta), name, label, clause="")
        for kind, *val in rest:
            p.parts.append((kind, _part_span(val, p.span)))
            if kind == "trigger":
                p.triggers.append(val[0])
            elif kind == "holds":
                p.holds.append(val[0])
            elif kind == "never":
                p.never.append(val[0])
            elif kind == "note":
                p.notes.append(val[0])
        return p

    def holds(self, meta, ch):
        return ("holds", ch[1])

    def never(self, meta, ch):
        return ("never", ch[1])

    def finding_rule(self, meta, ch):
        ch = [c for c in ch if not _kw(c)]
        f = m.FindingRule(self.span(meta), str(ch[0]), _severity(ch[1]), ch[2], clause="")
        for kind, *val in ch[3:]:
            if kind == "trigger":
                f.triggers.append(val[0])
            elif kind == "once":
                f.parts.append(("once", val[1]))
                f.once = _join_once(f.once, val[0])
        return f

    def for_each(self, meta, ch):
        return ("trigger", m.ForEach(self.span(meta), ch[1], ch[2] if len(ch) > 2 else None))

    def when(self, meta, ch):
        return ("trigger", m.When(self.span(meta), ch[1]))

    def every(self, meta, ch):
        unit = next(c for c in ch if isinstance(c, str) and c in _RECUR_UNITS.values())
        name = next(c for c in ch if isinstance(c, Token) and c.type == "NAME")
        start, until = ([c for c in ch if isinstance(c, m.Expr)] + [None])[:2]
        count_tok = next((c[2] for c in ch if isinstance(c, tuple) and c[0] == "every_count"), None)
        count = None if count_tok is None else self.every_length(count_tok, unit)
        return ("trigger", m.Every(self.span(meta), unit, str(name), start, until, self.tspan(name), count))

    def every_count(self, meta, ch):
        n = whole(ch[0], self.path, "duration")
        if n == 0:
            raise QiyueError([diag("zero_period", self.tspan(ch[0]), hint="hint:zero_period")])
        return ("every_count", n, ch[0])

    def every_length(self, tok: Token, unit: str) -> int:
        """`every N UNIT`: a period's length within what any duration of that unit may be (``limits.LONGEST``:
        `every 1000 years` would count past the last year a date can have, as `within 1000 years` would)."""
        amount = whole(tok, self.path, "duration")
        key = "months" if unit == "quarters" else unit
        if LONGEST.get(key) is not None and amount * (3 if unit == "quarters" else 1) > LONGEST[key]:
            longest = LONGEST[key] // (3 if unit == "quarters" else 1)
            raise QiyueError([diag("duration_too_long", self.tspan(tok), raw=str(tok), unit=word(f"unit.{unit}"),
                                   most=longest, expected=[f"at most {longest} {unit}"],
                                   hint="hint:duration_too_long")])
        return amount

    def recur_unit(self, meta, ch):
        return _RECUR_UNITS[ch[0].type]

    def unless(self, meta, ch):
        ch = [c for c in ch if not _kw(c)]
        counting = ch[2] if len(ch) > 2 else None
        return m.Unless(self.span(meta), ch[0], ch[1], counting)

    def pattern(self, meta, ch):
        ch = [c for c in ch if not _kw(c)]
        sources = [c for c in ch if isinstance(c, m.Source)]
        where = ch[-1] if ch and isinstance(ch[-1], m.Expr) else None
        return m.Pattern(self.span(meta), sources, where)

    def source(self, meta, ch):
        """`EVENT alias`, or `OBLIGATION.stage alias` (the dot is kept to tell the two apart)."""
        if len(ch) > 1 and isinstance(ch[1], Token) and ch[1].type == "DOT":
            alias = str(ch[3]) if len(ch) > 3 else None
            return m.Source(self.span(meta), str(ch[0]), str(ch[2]), alias)
        return m.Source(self.span(meta), str(ch[0]), None, str(ch[1]) if len(ch) > 1 else None)

    def duration_lit(self, meta, ch):
        amount, unit = self.duration_amount(ch[0], ch[1])
        return m.DurationExpr(self.span(meta), amount=amount, unit=unit)

    def duration_amount(self, tok: Token, unit) -> tuple[int, Unit]:
        """A duration as the time module counts it: weeks as 7 days (一周 = 7日); a part of an hour
        (0.5 hours, 1.25 小时) as whole minutes; any other unit in whole numbers, at most what
        ``limits.LONGEST`` allows (a longer one would count past the last year any date can have)."""
        raw = str(tok)
        if unit in (Unit.HOURS, Unit.MINUTES) and not raw.isdigit() and len(raw) <= 12:
            minutes = Decimal(raw) * (60 if unit == Unit.HOURS else 1)
            if minutes == minutes.to_integral_value() and minutes > 0:
                return int(minutes), Unit.MINUTES
        amount = whole(tok, self.path, "duration")
        key = "weeks" if unit == "weeks" else unit.value
        longest = LONGEST.get(key)
        if longest is not None and amount > longest:
            span = m.Span(self.path, tok.line, tok.column, tok.end_line or tok.line, tok.end_column or tok.column + 1)
            raise QiyueError([diag("duration_too_long", span, raw=raw, unit=word(f"unit.{key}"), most=longest,
                                   expected=[f"at most {longest} {key}"], hint="hint:duration_too_long")])
        return (amount * 7, Unit.DAYS) if unit == "weeks" else (amount, unit)

    def duration_ref(self, meta, ch):
        return m.DurationExpr(self.span(meta), ref=str(ch[0]))

    def duration_of(self, meta, ch):
        """`within o.days days`, `within routes[o.route].days days`, `within (o.days + 1) days` (`期限 o.days 日`):
        a length a fact gives, counted as a literal one is."""
        value, unit = [c for c in ch if not isinstance(c, Token)]
        sp = self.span(meta)
        return m.DurationExpr(sp, unit=unit, expr=m.ScaledDuration(sp, value, unit))

    def unit(self, meta, ch):
        return UNITS[ch[0].type]

    def counting_term(self, meta, ch):
        return Counting.TERM

    def counting_act(self, meta, ch):
        return Counting.ACT

    # ------------------------------------------------------------ expressions
    def or_expr(self, meta, ch):
        return m.BoolOp(self.span(meta), "or", [c for c in ch if not _kw(c)], _written(ch))

    def and_expr(self, meta, ch):
        return m.BoolOp(self.span(meta), "and", [c for c in ch if not _kw(c)], _written(ch))

    def not_(self, meta, ch):
        return m.Not(self.span(meta), ch[1])

    def comparison(self, meta, ch):
        op = {"≥": ">=", "≤": "<=", "≠": "!="}.get(str(ch[1]), str(ch[1]))
        return m.Compare(self.span(meta), op, ch[0], ch[2])

    def additive(self, meta, ch):
        left = ch[0]
        for i in range(1, len(ch), 2):
            left = m.Arith(self.span(meta), str(ch[i]), left, ch[i + 1])
        return left

    def attribute(self, meta, ch):
        return m.Attribute(self.span(meta), ch[0], str(ch[1]))

    def index(self, meta, ch):
        return m.Index(self.span(meta), ch[0], ch[1])

    def name(self, meta, ch):
        return m.Name(self.span(meta), str(ch[0]))

    def percent_of(self, meta, ch):
        raw = str(ch[0])
        return m.PercentOf(self.span(meta), self.rate(ch[0]), raw, ch[2])

    def rate(self, tok) -> Decimal:
        """``percent_value`` of a rate token; one whose Chinese numerals do not read (万分之点) is refused at its place."""
        try:
            return percent_value(str(tok))
        except Exception as exc:  # (cn2an's own errors are of several kinds, a KeyError among them: 万分之二十零)
            raise QiyueError([diag("bad_rate", self.tspan(tok), text=str(tok)[:40], problem=str(exc)[:80],
                                   hint="hint:bad_rate")]) from None

    def share_of(self, meta, ch):
        rate = m.Name(self.tspan(ch[0]), str(ch[0]))
        return m.ShareOf(self.span(meta), rate, ch[2])

    def conditional(self, meta, ch):
        ch = [c for c in ch if not _kw(c)]
        return m.Conditional(self.span(meta), ch[0], ch[1], ch[2])

    def all_of(self, meta, ch):
        return m.BoolOp(self.span(meta), "and", [c for c in ch if not _kw(c)])

    def any_of(self, meta, ch):
        return m.BoolOp(self.span(meta), "or", [c for c in ch if not _kw(c)])

    def exists(self, meta, ch): return m.Exists(self.span(meta), ch[1])
    def count(self, meta, ch): return m.Count(self.span(meta), ch[1])
    def first(self, meta, ch): return m.First(self.span(meta), ch[1])

    def sum(self, meta, ch):
        return m.Sum(self.span(meta), ch[1], ch[3])

    def mean(self, meta, ch):
        return m.Mean(self.span(meta), ch[1], ch[3])

    def consecutive(self, meta, ch):
        unit = next(c for c in ch if isinstance(c, str) and c in _RECUR_UNITS.values())
        value, pattern = [c for c in ch if isinstance(c, (m.Expr, m.Pattern))]
        return m.Consecutive(self.span(meta), value, pattern, unit)

    def passed(self, meta, ch):
        ch = [c for c in ch if not _kw(c)]
        counting = ch[1] if len(ch) > 2 else None
        return m.Passed(self.span(meta), ch[0], counting, ch[-1])

    def end_of(self, meta, ch):
        ch = [c for c in ch if not _kw(c)]
        counting = ch[1] if len(ch) > 2 else None
        return m.EndOf(self.span(meta), ch[0], counting, ch[-1])

    def day_after(self, meta, ch):
        return m.DayAfter(self.span(meta), whole(ch[1], self.path, "day_number"), ch[-1])

    def call(self, meta, ch):
        return m.Call(self.span(meta), str(ch[0]), list(ch[1:]))

    def duration_value(self, meta, ch):
        value, unit = ch[0], ch[1]
        if not (isinstance(value, m.Literal) and value.kind == "number"):  # `e.days days`: known when evaluated
            return m.ScaledDuration(self.span(meta), value, unit)
        sp = value.span
        tok = Token("NUMBER", str(value.value), line=sp.line, column=sp.column, end_line=sp.end_line,
                    end_column=sp.end_column)
        amount, unit = self.duration_amount(tok, unit)
        d = m.DurationExpr(self.span(meta), amount=amount, unit=unit)
        return m.DurationValue(self.span(meta), d)

    def literal(self, meta, ch):
        tok = ch[0]
        sp = self.span(meta)
        t = tok.type
        if t == "MONEY":
            return m.Literal(sp, money_literal(tok, self.path), "money")
        if t == "PERCENT":
            return m.Literal(sp, self.rate(tok), "percent")
        if t == "NUMBER":
            raw = str(tok)
            return m.Literal(sp, int(raw) if raw.isdigit() else Decimal(raw), "number")
        if t == "DATE":
            meant = _date_meant(str(tok))
            if meant is not None and missing_day(meant) is None:  # 2026-2-13, 2026.2.13: a date, written otherwise
                raise QiyueError([diag("bad_date.form", sp, text=str(tok), meant=meant, date=meant, did_you_mean=meant,
                                       expected=["a date YYYY-MM-DD"], hint="hint:date_form")])
            try:
                return m.Literal(sp, date.fromisoformat(meant or str(tok)), "date")
            except ValueError:
                missing = missing_day(meant or str(tok))
                key, args = (f"bad_date.{missing[0]}", missing[1]) if missing else ("bad_date", {})
                raise QiyueError([diag(key, sp, text=str(tok), expected=["a real date YYYY-MM-DD"], **args)]) \
                    from None
        if t == "STRING":
            return m.Literal(sp, _unquote(tok), "text")
        if t == "TRUE":
            return m.Literal(sp, True, "bool")
        if t == "FALSE":
            return m.Literal(sp, False, "bool")
        raise AssertionError(t)  # pragma: no cover


# `v_args` wraps every public method of the class, and lark builds a new wrapper at every call of
# one: these helpers are not rule callbacks, so they stay plain methods (a large file calls them
# hundreds of thousands of times).
for _helper in ("build", "span", "tspan"):
    setattr(_Builder, _helper, vars(_Builder)[_helper].base_func)
