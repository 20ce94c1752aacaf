"""Errors and findings as values: a stable code, a message, a place, what was expected.

Rendered with a caret for people (``render_text``) and as JSON for programs
(``as_json``).  Nothing in qiyue reports bad input by raising a bare exception to the
user: stages collect ``Diagnostic`` values and raise ``QiyueError`` carrying all of them.
"""
from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from typing import Iterable

from .model import Span


@dataclass
class Diagnostic:
    code: str
    message: str
    span: Span | None = None
    severity: str = "error"  # error | warning | info
    expected: list[str] = field(default_factory=list)
    hint: str | None = None
    did_you_mean: str | None = None
    clause: str | None = None

    def sort_key(self):
        s = self.span
        return (s.file, s.line, s.column) if s else ("", 0, 0)

    def as_json(self) -> dict:
        out = {"code": self.code, "severity": self.severity, "message": self.message}
        if self.clause is not None:
            out["clause"] = self.clause
        if self.span is not None:
            out.update(file=self.span.file, line=self.span.line, column=self.span.column)
        if self.expected:
            out["expected"] = self.expected
        if self.did_you_mean:
            out["did_you_mean"] = self.did_you_mean
        if self.hint:
            out["hint"] = self.hint
        return out


class QiyueError(Exception):
    """Bad input: carries every diagnostic found, sorted by place."""

    def __init__(self, diagnostics: Iterable[Diagnostic], source: str | None = None):
        self.diagnostics = sorted(diagnostics, key=Diagnostic.sort_key)
        self.source = source
        super().__init__("; ".join(d.message for d in self.diagnostics))


def suggest(word: str, candidates: Iterable[str]) -> str | None:
    """The closest known name, for a did-you-mean."""
    found = difflib.get_close_matches(word, list(candidates), n=1, cutoff=0.6)
    return found[0] if found else None


def caret_context(text: str, line: int, column: int, width: int = 1) -> str:
    """The source line and a caret under the column (CJK characters are two cells wide)."""
    lines = text.splitlines()
    if not 1 <= line <= len(lines):
        return ""
    src = lines[line - 1].rstrip("\n")
    pad = "".join("\t" if ch == "\t" else (" " * _cells(ch)) for ch in src[: column - 1])
    carets = "^" * max(1, min(width, sum(_cells(c) for c in src[column - 1:]) or 1))
    gutter = f"{line:>5} | "
    return f"{gutter}{src}\n{' ' * len(gutter)}{pad}{carets}"


def _cells(ch: str) -> int:
    import unicodedata

    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


def render_text(diags: Iterable[Diagnostic], sources: dict[str, str] | None = None) -> str:
    """Human form: ``file:line:col: severity[code]: message`` then the line with a caret."""
    sources = sources or {}
    out = []
    for d in diags:
        where = f"{d.span}: " if d.span else ""
        clause = f" (clause {d.clause})" if d.clause else ""
        out.append(f"{where}{d.severity}[{d.code}]{clause}: {d.message}")
        if d.span and d.span.file in sources and d.span.line > 0:
            width = d.span.end_column - d.span.column if d.span.end_line == d.span.line else 1
            ctx = caret_context(sources[d.span.file], d.span.line, d.span.column, width)
            if ctx:
                out.append(ctx)
        if d.expected:
            out.append("  expected: " + ", ".join(d.expected))
        if d.did_you_mean:
            out.append(f"  did you mean: {d.did_you_mean}")
        if d.hint:
            out.append(f"  fix: {d.hint}")
    return "\n".join(out)
