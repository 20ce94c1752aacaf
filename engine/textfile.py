"""Text files as legal staff save them: UTF-8 (with or without a byte-order mark), UTF-16 with
its mark, or GB18030 (which contains GBK, the default of many Chinese Windows machines).

One pure function decides the encoding from the bytes — never by guessing among look-alikes:
a byte-order mark names its encoding; otherwise UTF-8 is tried first (it rarely decodes bytes
that are not UTF-8), then GB18030.  Bytes that fit none give an error with the line and column
of the first one that does not fit, and the advice to save as UTF-8.

Line ends are read as an editor shows them: CRLF (Windows) and a lone CR (old Macs, some
exports) become "\\n", so a rule file saved either way parses line by line — a `#` comment
ends at its line — and errors name the line and column the user sees.  (A JSON string cannot
hold a raw CR, so in a fact file this changes no value of any fact, only where lines end, as
reading standard input in text mode does; U+2028, U+0085 and the like are characters, never
line ends — see facts.split_lines.)
"""
from __future__ import annotations

import codecs
import re

_BOMS = ((codecs.BOM_UTF8, "utf-8-sig", "UTF-8 (BOM)"), (codecs.BOM_UTF16_LE, "utf-16", "UTF-16"),
         (codecs.BOM_UTF16_BE, "utf-16", "UTF-16"))


class UndecodableText(ValueError):
    """Bytes that are neither UTF-8, UTF-16 with its mark, nor GB18030 — or UTF-8 with a line in another encoding
    (``utf8_line``: a line of the file that is UTF-8 text)."""

    def __init__(self, line: int, column: int, byte: int, utf8_line: int | None = None,
                 readings: tuple[str, str] | None = None):
        self.line, self.column, self.byte, self.utf8_line = line, column, byte, utf8_line
        self.readings = readings  # (ambiguous: the line read as UTF-8, and as GB18030)
        super().__init__(f"line {line}, column {column}: byte 0x{byte:02x} is not text in UTF-8, UTF-16 or "
                         "GB18030/GBK; save the file as UTF-8" if utf8_line is None else
                         f"line {line}, column {column}: byte 0x{byte:02x} is not UTF-8, though line {utf8_line} "
                         "is: save the file in one encoding, UTF-8")


def decode(raw: bytes, newlines: bool = True, marks: bool = True) -> tuple[str, str]:
    """(text, the encoding it was read in: "UTF-8", "UTF-8 (BOM)", "UTF-16" or "GB18030").  With
    ``newlines`` (the default) CRLF and a lone CR are read as "\\n".  ``marks``: a byte-order mark says the
    encoding — only at the start of the input (a line after the first, read alone, is not told its encoding by a
    mark of its own: a UTF-16 line inside a UTF-8 file is refused, as it is in the file — fuzz round 34)."""
    text, name = _decode(raw, marks)
    if newlines and "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text, name


def _decode(raw: bytes, marks: bool = True) -> tuple[str, str]:
    for bom, codec, name in _BOMS if marks else ():
        if raw.startswith(bom):
            try:
                return raw.decode(codec), name
            except UnicodeDecodeError as exc:
                raise _where(raw, exc) from None
    if b"\x00" in raw:  # UTF-16 without its mark (or a binary file): never read as if it were text
        start = raw.index(b"\x00")
        raise _where(raw, UnicodeDecodeError("utf-8", raw, start, start + 1, "NUL"))
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as first:
        utf8 = _utf8_line(raw)
        if utf8 is not None:  # UTF-8 Chinese on one line, other bytes on another: a line appended by a GBK tool
            raise _where(raw, first, utf8) from None  # (read as GB18030, the UTF-8 lines would turn to mojibake)
        try:
            return raw.decode("gb18030"), "GB18030"
        except UnicodeDecodeError:
            raise _where(raw, first) from None
    # (bytes beyond ASCII that are byte-order marks alone — EF BB BF at the head of a line, a file joined to another
    # saved "UTF-8 带 BOM" — are UTF-8's own signature, not GBK: read as GB18030 they are "锘" and half a character)
    if not text.isascii() and not _cjk(text) and not _typography(text) and not text.replace("\ufeff", "").isascii():
        _refuse_if_gbk(raw, text)
    return text, "UTF-8"


def _is_cjk(c: str) -> bool:
    """A Chinese character (the unified ideographs and their extension A)."""
    return "\u4e00" <= c <= "\u9fff" or "\u3400" <= c <= "\u4dbf"


def _cjk(text: str) -> bool:
    return any(map(_is_cjk, text))


# Chinese typography without a Chinese character: the full-width forms (１，０００．００, （）, ￥), the CJK punctuation
# (、。「」, the ideographic space) and ¥ before a digit — what a UTF-8 export writes in an amount or a code, and what GBK
# text read as UTF-8 by chance never is (those bytes read as GBK are rare characters: "锛戯紝", "銆"; ¥ is "楼", a
# character that follows a number, never precedes one).  A fuzzer: "¥1,000.00" — the README's own form of money —
# in a UTF-8 file with no other character beyond ASCII was refused as "UTF-8 or GBK cannot be told".
# (and what GBK text read as UTF-8 by chance hardly ever is either: a character beyond the 65,536 of the basic plane —
# an emoji, four bytes F0–F4 and three continuation bytes: a fuzzer, round 32.  Not a C1 control, U+0085 — GBK's 聟:
# refused as ambiguous, fuzz round 27)
_TYPOGRAPHY = re.compile("[\u3000-\u303f\uff01-\uff60\uffe0-\uffe6\U00010000-\U0010ffff]|\u00a5[0-9]")


def _typography(text: str) -> bool:
    return _TYPOGRAPHY.search(text) is not None


def _refuse_if_gbk(raw: bytes, text: str) -> None:
    """Bytes that are UTF-8 without one Chinese character, and GB18030 with some: GBK text that happens to be valid
    UTF-8 (通知 is CD A8 D6 AA — in UTF-8 two combining marks, "֪ͨ"; 系统 "ϵͳ").  Read as UTF-8 its words would
    silently compare unequal (a fuzzer: another verdict); read as GB18030 a Greek or Hebrew UTF-8 file would be
    mojibake — so neither is guessed: refused, with both readings, and how to make the file unambiguous."""
    try:
        other = raw.decode("gb18030")
    except UnicodeDecodeError:
        return
    if not _cjk(other):
        return
    lines, others = text.split("\n"), other.split("\n")
    for number, (a, b) in enumerate(zip(lines, others), 1):
        if a != b:
            first = next(i for i, c in enumerate(a) if not c.isascii())
            start = max(0, first - 12)  # (the words around the first character read two ways)
            byte = raw.split(b"\n")[number - 1][len(a[:first].encode("utf-8"))]
            raise UndecodableText(number, first + 1, byte, readings=(a[start:first + 12], b[start:first + 12]))


def _utf8_line(raw: bytes) -> int | None:
    """The first line that is UTF-8 Chinese — at least two CJK characters — or None.  (GBK bytes read as UTF-8 by
    chance are other scripts: 通知 in GBK is "֪ͨ", 系统 "ϵͳ"; a reviewer found such a GBK file refused when any
    two characters beyond ASCII counted.)"""
    for number, line in enumerate(raw.split(b"\n"), 1):
        if not line.isascii():
            try:
                text = line.decode("utf-8")
            except UnicodeDecodeError:
                continue
            if sum(map(_is_cjk, text)) >= 2:
                return number
    return None


def _where(raw: bytes, exc: UnicodeDecodeError, utf8_line: int | None = None) -> UndecodableText:
    before = raw[:exc.start].replace(b"\r\n", b"\n").replace(b"\r", b"\n")  # line ends as decode() reads them
    line = before.count(b"\n") + 1
    # the column in characters, as an editor shows it
    column = len(before[before.rfind(b"\n") + 1:].decode("utf-8", "replace")) + 1
    return UndecodableText(line, column, raw[exc.start], utf8_line)


# What text output for a terminal must not pass through as it is: control characters (C0 but the line end and the
# tab, DEL, C1) and the marks that reorder text right to left.  A fact's id or note holding ESC [2J would clear the
# reader's screen, a CR would overwrite a line of the report, U+202E would show a line reversed.  (Searched for
# first — a report of 34 million characters in 0.2 s; str.translate took 2.8 s — and replaced only where found.)
_HIDDEN = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u00ad\u061c\u180e\u200b-\u200f\u2028\u2029\u202a-\u202e"
                     "\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb\U000e0000-\U000e007f]")
# (also zero-width characters and the Unicode line separators; and the other characters drawn as nothing — a soft
# hyphen, U+180E, the invisible operators U+2061–2064, the interlinear annotation marks, the tag characters
# U+E0000–E007F — which facts.py's `_UNSEEN` already takes for unseen: ids "o1" and "o1\u2063" printed alike)


def visible(text: str) -> str:
    """``text`` with each control character and direction mark written as its escape (``\\u001b``), so that
    what a fact holds is shown, never acted on by the terminal (line ends and tabs kept)."""
    if _HIDDEN.search(text) is None:
        return text
    return _HIDDEN.sub(_escape, text)


def _escape(m: re.Match) -> str:
    """A character as JSON escapes it: \\u001b; one beyond U+FFFF (a tag character) as its two surrogates,
    \\udb40\\udc41 — "\\ue0041" would read back as U+E004 and a "1"."""
    code = ord(m.group())
    if code > 0xFFFF:
        code -= 0x10000
        return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"
    return f"\\u{code:04x}"


def visible_lines(lines) -> str:
    """``lines`` — each one line of a text report or of a watch — joined by line ends, each as ``visible`` shows it
    and a line end inside one (a fact's id or text holding "\\n", from JSON's "\\n") written as its escape too: a
    fact cannot break a line of the report in two, nor add a line of its own ("  已违约 0 项") to it."""
    return visible("\n".join(line.replace("\n", "\\u000a") if "\n" in line else line for line in lines))
