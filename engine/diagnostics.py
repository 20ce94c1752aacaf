"""Errors and findings as values: a stable code, a message, a place, what was expected.

Rendered with a caret for people (``render_text``) and as JSON for programs
(``as_json``), in Chinese (the default) or English: a diagnostic made by ``diag`` carries
its message's catalogue key and arguments (``messages.CATALOGUE``), not finished text.
Nothing in qiyue reports bad input by raising a bare exception to the user: stages
collect ``Diagnostic`` values and raise ``QiyueError`` carrying all of them.
"""
from __future__ import annotations

import difflib
import unicodedata
from dataclasses import dataclass, field
from typing import Iterable

from .messages import DEFAULT_LANG, Msg, expected_text, render
from .lang.model import Span
from .textfile import visible


def source_lines(text: str) -> list[str]:
    """The lines of a rule file as its spans count them: ended by a line feed alone (CR and CRLF were read as one when
    it was decoded).  Not ``str.splitlines()``, which also ends a line at U+2028, U+0085, form feed, vertical tab … —
    characters a label pasted from Word may hold, after which every excerpt quoted the line above its error (a
    fuzzer)."""
    lines = text.split("\n")
    if len(lines) > 1 and lines[-1] == "":
        lines.pop()
    return lines


def span_text(e, text: "str | list[str]") -> str:
    """The rule text of a node, on one line, to quote in a `because` (``text``: the rule file's
    text, or its lines already split — a large file is split once, not once per quotation)."""
    s = e.span
    lines = (source_lines(text) if isinstance(text, str) else text)[s.line - 1: s.end_line]
    if not lines:
        return ""
    lines[-1] = lines[-1][: s.end_column - 1]
    lines[0] = lines[0][s.column - 1:]
    return " ".join(" ".join(lines).split())


@dataclass
class Diagnostic:
    code: str
    message: str  # in English, as before (``text(lang)`` gives it in either language)
    span: Span | None = None
    severity: str = "error"  # error | warning | info
    expected: list[str] = field(default_factory=list)
    hint: str | None = None  # in English (``hint_text(lang)``)
    did_you_mean: str | None = None
    clause: str | None = None
    key: str | None = None  # the message's key in messages.CATALOGUE (None: ``message`` is all there is)
    args: dict = field(default_factory=dict)  # the message's (and the hint's) arguments
    hint_key: str | None = None

    def sort_key(self):
        s = self.span
        return (s.file, s.line, s.column) if s else ("", 0, 0)

    def text(self, lang: str = DEFAULT_LANG) -> str:
        """The message in ``lang`` ("zh" or "en")."""
        return render(self.key, self.args, lang) if self.key else self.message

    def hint_text(self, lang: str = DEFAULT_LANG) -> str | None:
        return render(self.hint_key, self.args, lang) if self.hint_key else self.hint

    def as_msg(self) -> Msg:
        """The message as a value, to quote inside another message."""
        return Msg(self.key, self.args) if self.key else Msg("word:verbatim", {"text": self.message})

    def as_json(self, lang: str = DEFAULT_LANG) -> dict:
        out = {"code": self.code, "severity": self.severity, "message": self.text(lang)}
        if self.clause is not None:
            out["clause"] = self.clause
        if self.span is not None:
            out.update(file=self.span.file, line=self.span.line, column=self.span.column)
        if self.expected:
            out["expected"] = self.expected
        if self.did_you_mean:
            out["did_you_mean"] = self.did_you_mean
        hint = self.hint_text(lang)
        if hint:
            out["hint"] = hint
        return out


def diag(key: str, span: Span | None = None, *, code: str | None = None, hint: str | None = None,
         severity: str = "error", expected: Iterable[str] = (), did_you_mean: str | None = None,
         clause: str | None = None, **args) -> Diagnostic:
    """A diagnostic whose words come from the catalogue: ``key`` is CODE or CODE.variant (the code is
    its first part unless ``code`` is given), ``hint`` a ``hint:…`` key; both are rendered with ``args``."""
    return Diagnostic(code or key.split(".")[0], render(key, args, "en"), span, severity, list(expected),
                      render(hint, args, "en") if hint else None, did_you_mean, clause, key, args, hint)


class QiyueError(Exception):
    """Bad input: carries every diagnostic found, sorted by place.  ``str( )`` of it is the messages in the
    default language (Chinese, as legal staff read them; ``render_text(exc.diagnostics, lang="en")`` or
    ``d.text("en")`` for English)."""

    def __init__(self, diagnostics: Iterable[Diagnostic], source: str | None = None):
        self.diagnostics = sorted(diagnostics, key=Diagnostic.sort_key)
        self.source = source
        super().__init__("；".join(d.text() for d in self.diagnostics))

    def __reduce__(self):  # (pickled and loaded again — by a pool of worker processes — as itself)
        return type(self), (self.diagnostics, self.source)


def suggest(word: str, candidates: Iterable[str]) -> str | None:
    """The closest known name, for a did-you-mean — a name typed with a full-width digit or letter (pay_２) read as
    its ordinary twin first (not pay_3: fuzz round 30)."""
    candidates = list(candidates)
    plain = unicodedata.normalize("NFKC", word)
    if plain != word and plain in candidates:
        return plain
    found = difflib.get_close_matches(word, candidates, n=1, cutoff=0.6)
    if found:
        return found[0]
    (one,) = _one_hanzi_off(word, candidates) or (None,)
    return one


def _one_hanzi_off(word: str, candidates: Iterable[str]) -> list[str]:
    """The candidates of ``word``'s length that differ from it in one Chinese character alone — 义物 for 义务, 定货
    for 订货 (a homophone the input method offered): a two-character word one character off is only half alike to
    difflib, below its cutoff (fuzz round 43).  Offered only where one candidate is so near: two would be a guess."""
    if len(word) < 2 or word.isascii():
        return []
    near = [c for c in dict.fromkeys(candidates) if len(c) == len(word)
            and sum(a != b for a, b in zip(c, word)) == 1
            and not next(a for a, b in zip(c, word) if a != b).isascii()]
    return near if len(near) == 1 else []


def suggest_all(word: str, candidates: Iterable[str]) -> list[str]:
    """The known names closest to ``word``, all of them where several are as close (债物人: 债权人 and 债务人 — naming
    the first alone sent a fresh user to the wrong one, round 22); none below difflib's usual cutoff."""
    best, found = 0.6, []
    for c in dict.fromkeys(candidates):
        s = difflib.SequenceMatcher(None, word, c)
        if s.real_quick_ratio() < best or s.quick_ratio() < best:
            continue
        r = s.ratio()
        if r > best:
            best, found = r, [c]
        elif r == best:
            found.append(c)
    return found or _one_hanzi_off(word, candidates)


def caret_context(text: "str | list[str]", line: int, column: int, width: int = 1) -> str:
    """The source line and a caret under the column (CJK characters are two cells wide);
    ``text`` may be the lines already split (render_text splits each file once)."""
    lines = source_lines(text) if isinstance(text, str) else text
    if not 1 <= line <= len(lines):
        return ""
    src = lines[line - 1].rstrip("\n")
    at = column - 1
    if len(src) > _SHOWN_BEFORE + _SHOWN_AFTER:  # a long line: the part around the column, its cut ends marked
        start = max(0, at - _SHOWN_BEFORE)
        end = min(len(src), at + _SHOWN_AFTER)
        head, tail = ("…" if start > 0 else ""), ("…" if end < len(src) else "")
        src, at = head + src[start:end] + tail, len(head) + at - start
    # (a character render_text shows as its escape — U+200B as \u200b — takes the escape's six columns: the caret
    # stands under the column it names, not five columns to its left for each such character before it)
    pad = "".join("\t" if ch == "\t" else (" " * _shown_cells(ch)) for ch in src[:at])
    carets = "^" * max(1, min(width, sum(_shown_cells(c) for c in src[at:at + max(width, 1)]) or 1))
    gutter = f"{line:>5} | "
    return f"{gutter}{src}\n{' ' * len(gutter)}{pad}{carets}"


_SHOWN_BEFORE, _SHOWN_AFTER = 80, 120  # characters of a long source line shown around an error's column


def _shown_cells(ch: str) -> int:
    """The columns a character of a source line takes once ``visible`` has written it (its escape's, if any)."""
    shown = visible(ch)
    return len(shown) if shown != ch else _cells(ch)


def _cells(ch: str) -> int:
    import unicodedata

    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


def render_text(diags: Iterable[Diagnostic], sources: dict[str, str] | None = None,
                lang: str = DEFAULT_LANG) -> str:
    """Human form: ``file:line:col: severity[code]: message`` then the line with a caret, what was
    expected, a did-you-mean and how to fix it — framed in ``lang`` ("zh": 错误/警告/说明, 应为：…)."""
    sources = sources or {}
    split: dict[str, list[str]] = {}  # each file's lines, split once
    out = []
    for d in diags:
        out.append(_one_line(_headline(d, lang)))
        if d.span and d.span.file in sources and d.span.line > 0:
            width = d.span.end_column - d.span.column if d.span.end_line == d.span.line else 1
            lines = split.get(d.span.file)
            if lines is None:
                lines = split[d.span.file] = source_lines(sources[d.span.file])
            ctx = caret_context(lines, d.span.line, d.span.column, width)
            if ctx:
                out.append(ctx)
        out.extend(_one_line(x) for x in _details(d, lang))
    return visible("\n".join(out))


def _one_line(text: str) -> str:
    """A line of a message as one line: a line end in what it quotes (a fact's id "a\\n错误[…]") written as its
    escape, so that a fact's text cannot add a line — a forged error — of its own."""
    return text.replace("\n", "\\u000a") if "\n" in text else text


def _headline(d: Diagnostic, lang: str) -> str:
    where = f"{d.span}: " if d.span else ""
    severity = render(f"word:severity.{d.severity}", {}, lang) if d.severity in ("error", "warning", "info") \
        else d.severity
    return f"{where}{severity}[{d.code}]{_clause(d.clause, lang)}{_position(d.span, lang)}{d.text(lang)}"


def _clause(clause: str | None, lang: str) -> str:
    if not clause:
        return ""
    numbered = clause[:1].isdigit()  # 3.1, 2.1(2) → 第 3.1 条, 第 2.1(2) 条; 附件1 stays 附件1
    return render("word:frame.clause" if numbered else "word:frame.annex", {"clause": clause}, lang)


def _position(span: Span | None, lang: str) -> str:
    """Where, in words ("第 9 行第 5 列："); a fact's line is a whole line (column 1)."""
    if span is None or span.line <= 0:
        return render("word:frame.colon", {}, lang)
    key = "word:frame.line" if span.column <= 1 else "word:frame.line_column"
    return render(key, {"line": span.line, "column": span.column}, lang)


def _details(d: Diagnostic, lang: str) -> list[str]:
    out = []
    if d.expected:
        items = [expected_text(e, lang) for e in d.expected]
        joined = "、".join(f"“{i}”" for i in items) if lang == "zh" else ", ".join(items)
        out.append(render("word:frame.expected", {"items": joined}, lang))
    if d.did_you_mean:
        out.append(render("word:frame.did_you_mean", {"word": d.did_you_mean}, lang))
    hint = d.hint_text(lang)
    if hint:
        out.append(render("word:frame.hint", {"hint": hint}, lang))
    return out
