"""Fact streams (JSON Lines) → validated events.

The rule file's event declarations *are* the fact schema: one pydantic model per event
type is built from them (``FactSchema``), once per rule file, and one typed dict per
type for the fast path that checks a whole line in one pass.  Money is read as exact
decimals (JSON numbers too, via ``parse_float=Decimal``), never binary floats, and in one
written form only (``amounts.read_amount``).  A key twice in one object is refused, never
last-wins.  A fact file is split on "\\n" alone (``split_lines``): U+2028 or U+0085 inside a
JSON string is a character, not a line end.  Every bad line is reported — file, line, key,
what was expected — and nothing is dropped or read silently.
"""
from __future__ import annotations

import functools
import json
import re
import unicodedata
from collections import ChainMap
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Annotated, Any, Iterable, Literal, Mapping, Union

from orjson import loads as _orjson_loads
from typing_extensions import TypedDict

from pydantic import (BaseModel, BeforeValidator, ConfigDict, Field, StrictBool, StrictInt, StrictStr,
                      TypeAdapter, ValidationError, create_model)

from .lang import model as m
from .lang.amounts import exact_amount, read_amount, shown
from .lang.checker import Checked
from .lang.limits import FACT_YEARS, missing_day
from .run.compiler import DAY_ONLY, Compiler, Env, Event
from .diagnostics import Diagnostic, QiyueError, diag, span_text, suggest
from .messages import CATALOGUE, Msg, Refusal
from .time.timecalc import CONTRACT_TZ, Moment

MAX_ERRORS = 50


def split_lines(text: str) -> list[str]:
    """The lines of a JSON Lines text: split on "\\n", "\\r\\n" or "\\r", no last empty
    line — unlike ``str.splitlines``, which also splits at U+2028, U+0085 and other characters a
    JSON string may hold (the fact would be cut in two and every later line misnumbered)."""
    if "\r" in text:  # (CR LF, and CR alone, end a line too, as a file is read — textfile.decode; no JSON holds a raw
        text = text.replace("\r\n", "\n").replace("\r", "\n")  # CR: the text of a file reads as the file, fuzz round 34)
    lines = text.split("\n")
    if lines[-1] == "":
        lines.pop()
    return lines


class _DuplicateKey(ValueError):
    def __init__(self, key: str):
        super().__init__(key)
        self.key = key


def _no_duplicates(pairs: list) -> dict:
    """An object's members as a dict — refusing a key written twice (json's own dict keeps the last)."""
    obj = dict(pairs)
    if len(obj) != len(pairs):
        seen = set()
        for key, _ in pairs:
            if key in seen:
                raise _DuplicateKey(key)
            seen.add(key)
    return obj


# One decoder for every line (json.loads with parse_float builds a new one per call):
# JSON numbers become exact Decimals, never binary floats; a key twice is an error.
class _Exponent(Decimal):
    """A JSON number written with an exponent (5e1, 5.0e1): its exact value, marked — an amount or a number of a fact
    is not written so, whichever way the exponent leaves the digits (the fuzzer, round 29: 5.0e1 was read, 5e1 refused).
    ``raw``: as written, for the error."""


def _json_float(text: str) -> Decimal:
    if "e" in text or "E" in text:
        v = _Exponent(text)
        v.raw = text
        return v
    return Decimal(text)


# full-width punctuation a Chinese input method types, and the JSON character meant
_FULL_WIDTH_JSON = {"，": ",", "：": ":", "“": '"', "”": '"', "｛": "{", "｝": "}", "［": "[", "］": "]", "＂": '"'}
_JSON = json.JSONDecoder(parse_float=_json_float, object_pairs_hook=_no_duplicates)
_UNREADABLE = object()  # what _decode gives for a line it has reported


def _decode(text: str, lineno: int, err):
    """One line's JSON value, or ``_UNREADABLE`` once the line's error is recorded."""
    try:
        return _JSON.decode(text)
    except _DuplicateKey as exc:
        err(lineno, "duplicate_key", name=_short(exc.key), hint="hint:duplicate_key")
    except json.JSONDecodeError as exc:
        odd = text[exc.pos] if exc.pos < len(text) else ""
        if odd and (unicodedata.category(odd) in ("Cc", "Cf", "Zs") and not odd.isascii() or odd < " " or odd == "\x7f"):
            # (a character one cannot see where JSON must begin or go on: Ctrl-Z, the end mark old DOS tools append
            # to an export; a no-break or ideographic space — "line 3: expected a value at column 1" of a line that
            # looks empty says nothing)
            err(lineno, "bad_json", problem=Msg("word:json.unseen", {"code_point": f"U+{ord(odd):04X}"}),
                column=exc.colno, hint="hint:one_json_object")
        else:
            comma = _trailing_comma(text, exc.pos)
            typed = _FULL_WIDTH_JSON.get(odd)
            if typed is not None:  # (`"at": "…"， "地点"`: typed with a Chinese input method — told a comma was missing
                # where one was typed: user round 22)
                err(lineno, "bad_json", problem=Msg("word:json.full_width", {"char": odd, "ascii": typed}),
                    column=exc.colno, hint="hint:one_json_object")
            elif not text[exc.pos:].strip() and (opened := _innermost_open(text, len(text))) is not None:  # (the
                # line ends inside an object or a list: its closing bracket is missing — not a comma, nor a key's
                # quotes after a comma: user round 22, review round 29)
                err(lineno, "bad_json", problem=Msg("word:json.unclosed", {"close": "}" if opened == "{" else "]"}),
                    column=exc.colno, hint="hint:one_json_object")
            elif comma is not None:  # (`"count": 2,}` — said as the comma too many, at the comma: a fresh user was told
                # "键名须用英文双引号括起" at column 1)
                err(lineno, "bad_json", problem=Msg("word:json.trailing_comma", {}), column=comma + 1,
                    hint="hint:one_json_object")
            else:
                err(lineno, "bad_json", problem=_json_problem(exc.msg), column=exc.colno, hint="hint:one_json_object")
    except RecursionError:
        err(lineno, "bad_json", problem=Msg("word:json.too_deep"), column=_deep_column(text),
            hint="hint:one_json_object")
    except ValueError:  # an integer past Python's limit of digits for a conversion
        long = re.search(r"[0-9]{1000,}", text)
        err(lineno, "bad_json", problem=Msg("word:json.too_many_digits"), column=long.start() + 1 if long else 1,
            hint="hint:one_json_object")
    return _UNREADABLE


def _plain_object(text: str):
    """The usual line the short way: a flat JSON object without an escape, decoded by orjson (in C)
    when that gives what ``_decode`` would — None for anything else, which ``_decode`` then reads
    (or refuses, saying why).  orjson reads a fraction as a float (``_decode``: an exact Decimal)
    and an integer past 64 bits as one too, and keeps the last of a key written twice; so an
    object with a float, a nested value or a key twice is left to ``_decode``.  Without a
    backslash every '"' delimits a string, so the object has a key twice exactly when its
    quotes outnumber those of its own keys and text values."""
    try:
        obj = _orjson_loads(text)
    except ValueError:  # (orjson.JSONDecodeError; NaN, 1E400, a lone surrogate: for _decode to read)
        return None
    if type(obj) is not dict:
        return None
    strings = len(obj)
    for v in obj.values():
        t = type(v)
        if t is str:
            strings += 1
        elif t is float or t is dict or t is list:
            return None
    return obj if text.count('"') == 2 * strings else None


def _brackets(text: str):
    """(index, character) of each `[`, `{`, `]`, `}` of a JSON line outside its strings."""
    in_string, escaped = False, False
    for i, c in enumerate(text):
        if in_string:
            if escaped:
                escaped = False
            elif c == "\\":
                escaped = True
            elif c == '"':
                in_string = False
        elif c == '"':
            in_string = True
        elif c in "[{]}":
            yield i, c


def _deep_column(text: str, depth: int = 100) -> int:
    """The column where the line's arrays and objects are first ``depth`` deep (strings skipped)."""
    level = 0
    for i, c in _brackets(text):
        if c in "[{":
            level += 1
            if level >= depth:
                return i + 1
        else:
            level -= 1
    return 1


def _short(text, limit: int = 40):
    """A name or id from a fact as a message quotes it: as it is, or cut when it is very long."""
    return text if not isinstance(text, str) or len(text) <= limit else text[:20] + "…"


def parse_instant(value: Any) -> tuple[datetime, bool]:
    """ISO-8601 → (aware datetime, was a bare date).  No offset means contract time (+08:00)."""
    if not isinstance(value, str):
        raise Refusal("word:time.not_text")
    text = value.strip()
    if len(text) == 10:
        try:
            d = _iso_day(text)
        except ValueError:
            raise _not_a_day(text, value, "word:time.not_date") from None
        if not FACT_YEARS[0] <= d.year <= FACT_YEARS[1]:
            raise Refusal("word:time.year", value=value, year=d.year)
        return datetime(d.year, d.month, d.day, tzinfo=CONTRACT_TZ), True
    if _MIDNIGHT_24.search(text):  # 24:00 of a day: the same instant as 00:00 of the next, which belongs to it
        raise Refusal("word:time.hour_24", value=value)  # (before parsing: a later Python may read it silently)
    form = _INSTANT.fullmatch(text)  # (Python's own reader takes week dates, basic forms, nanoseconds it cuts off)
    if form is None:
        finer = _FINER.search(text)
        if finer and finer.group(2).strip("0"):  # (digits past the 6th that say something: refused, not cut off)
            raise Refusal("word:time.fraction", value=value)
        if finer:  # (.0000000 — .NET's round trip — or .500000000: nothing lost)
            return parse_instant(text[:finer.start(2)] + text[finer.end(2):])
        if _OFFSET_SECONDS.search(text):
            raise Refusal("word:time.offset_seconds", value=value)
        raise _not_a_day(text, value, "word:time.not_time")
    if form.group("second") == "60":
        raise Refusal("word:time.leap_second", value=value)
    hour, minute, offset_minute = form.group("hour"), form.group("minute"), form.group("offset_minute")
    if int(hour) > 23:  # (2026-03-04T25:00: said as the hour, not "not an ISO-8601 time" — fuzz round 42)
        raise Refusal("word:time.hour_range", value=value, hour=hour)
    if minute is not None and int(minute) > 59:
        raise Refusal("word:time.minute_range", value=value, minute=minute)
    if offset_minute is not None and int(offset_minute) > 59:  # (+08:60 is no offset: Python reads it as +09:00,
        raise Refusal("word:time.offset_minute", value=value, minute=offset_minute)  # an hour off — fuzz round 42)
    if form.group("offset_hour") is not None and int(form.group("offset_hour")) > 23:  # (+24:00: an offset no place
        raise Refusal("word:time.offset", value=value)  # keeps, as +15:00 — review round 44)
    if text[-1] == "z":  # (RFC 3339 allows the lower case: Python's reader does not)
        text = text[:-1] + "Z"
    try:
        dt = datetime.fromisoformat(text)
    except ValueError:
        raise _not_a_day(text, value, "word:time.not_time") from None
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=CONTRACT_TZ)
    elif not _EARLIEST_OFFSET <= dt.utcoffset() <= _LATEST_OFFSET:  # (+15:00, -23:59: no place keeps such time)
        raise Refusal("word:time.offset", value=value)
    try:
        local = dt.astimezone(CONTRACT_TZ)
    except ValueError:
        raise _not_a_day(text, value, "word:time.not_time") from None
    except OverflowError:  # (past year 1 or 9999 in contract time: the years a fact may have said)
        raise Refusal("word:time.range_years", value=value) from None
    if not FACT_YEARS[0] <= local.year <= FACT_YEARS[1]:
        if local.year != dt.year:  # (a year the offset moved: the instant in contract time said, not a year unwritten)
            raise Refusal("word:time.year_local", value=value, year=local.year,
                          local=local.replace(tzinfo=None).isoformat(timespec="minutes"))
        raise Refusal("word:time.year", value=value, year=local.year)
    return local, False


_EARLIEST_OFFSET, _LATEST_OFFSET = timedelta(hours=-12), timedelta(hours=14)  # (the offsets places keep)
# the forms of an instant a fact may take: year-month-day, T or a space, hour:minute[:second[.up to 6 digits]],
# an offset (Z, ±HH:MM, ±HHMM, ±HH) or none (contract time); its parts named
_INSTANT = re.compile(r"\d{4}-\d\d-\d\d[Tt ](?P<hour>\d\d)(?::(?P<minute>\d\d)(?::(?P<second>\d\d)(?:[.,]\d{1,6})?)?)?"
                      r"(?:[Zz]|[+-](?P<offset_hour>\d\d)(?::?(?P<offset_minute>\d\d))?)?", re.ASCII)
_FINER = re.compile(r":\d\d([.,])\d{6}(\d+)", re.ASCII)  # (group 2: the digits past the 6th)
_OFFSET_SECONDS = re.compile(r"[+-]\d\d:?\d\d:\d\d", re.ASCII)
_MIDNIGHT_24 = re.compile(r"[T ]24(:?00(:?00(\.0+)?)?)?(Z|[+-]\d\d(:?\d\d)?)?$")


def _not_a_day(text: str, value, key: str) -> Refusal:
    """Why a text is not a day: 2025-02-30 is a day February 2025 does not have, not "not a date"; ２０２５-07-03 is
    written in full-width digits, as an amount in them is said to be (word:money.digits)."""
    other = next((c for c in text if c.isdigit() and not c.isascii()), None)
    if other is not None:
        return Refusal("word:time.digits", value=value, char=other)
    missing = missing_day(text)
    return Refusal(f"word:time.{missing[0]}", value=value, **missing[1]) if missing else Refusal(key, value=value)


# a time as people write it: 2026/02/26 10:00, 2026.2.26, 2026-2-26 10:00, 2026年2月26日10时30分, 2026年2月26日 10:00
_AS_PEOPLE_WRITE = re.compile(r"\s*(\d{4})\s*(?:[-/.]|年)\s*(\d{1,2})\s*(?:[-/.]|月)\s*(\d{1,2})\s*[日号]?"
                              r"(?:\s*[Tt]?\s*(\d{1,2})\s*(?:[:：]|[时点])\s*(?:(\d{1,2})\s*(?:[:：]|分)?\s*"
                              r"(?:(\d{1,2})\s*秒?)?)?"
                              r"(?:\s*(Z|[+-]\d{2})\s*[:：]?\s*(\d{2})?)?)?\s*", re.ASCII)
# (the offset after the time as written: 2026-03-10T10：00：00+08：00 offered too — fuzz round 44)


def time_meant(value) -> str | None:
    """The ISO-8601 time a text written as people write a time means (2026/02/26 10:00 →
    2026-02-26T10:00:00+08:00, 2026-2-26 → 2026-02-26: contract time, as a time without an offset is read), for a
    refusal to offer; None when it is not such a text or names no real day and hour (user round 23)."""
    if not isinstance(value, str) or len(value) > 40:
        return None
    found = _AS_PEOPLE_WRITE.fullmatch(value)
    if found is None:
        return None
    y, mo, d, h, mi, sec, zone, zone_min = found.groups()
    day = f"{y}-{int(mo):02d}-{int(d):02d}"
    if missing_day(day) is not None or not FACT_YEARS[0] <= int(y) <= FACT_YEARS[1]:
        return None
    if h is None:
        return day if day != value else None
    h, mi, sec = int(h), int(mi or 0), int(sec or 0)
    if h > 23 or mi > 59 or sec > 59:
        return None
    offset = "+08:00" if zone is None else "+00:00" if zone == "Z" else f"{zone}:{zone_min or '00'}"
    if zone is not None and (int(zone[1:] if zone != "Z" else 0) > 14 or int(zone_min or 0) > 59):
        return None
    meant = f"{day}T{h:02d}:{mi:02d}:{sec:02d}{offset}"
    if zone is not None and _ISO_WITH_ZONE.fullmatch(value.strip()):
        return None  # (written as ISO already — refused for another reason, a year past the calendars: no slip to mend)
    return meant if meant != value.strip() else None  # (what was written, offered again, would not help)


_ISO_WITH_ZONE = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?(?:Z|[+-]\d{2}:?\d{2})", re.ASCII)


MAX_FACT_INT = 10 ** 18 - 1
_SURROGATE = re.compile("[\ud800-\udfff]")  # not a character: a JSON "\ud800" decodes to one


def _given_moment(text: str) -> Moment | None:
    """The usual case in few steps: a time written in contract time exactly as isoformat()
    writes it ("2025-07-04T10:00:00+08:00"), whose Moment then quotes the text as given.
    None for anything else, which ``parse_instant`` reads (or refuses, saying why)."""
    if len(text) == 25 and text[10] == "T" and text[4] == text[7] == "-" and text[13] == text[16] == ":" \
            and text.endswith("+08:00"):  # (a week date, a basic form: not as isoformat() writes it)
        try:
            dt = datetime.fromisoformat(text)
        except ValueError:
            return None
        if 1900 < dt.year < 9000:
            return Moment.in_contract_time(dt.astimezone(CONTRACT_TZ), text)  # (astimezone: 2× faster than replace)
    return None


def _money(v):
    """An amount of a fact: a string in the one written form ("1,234,567.89", "1234567.89", an optional
    ¥ before), or an exact JSON number; never negative (an attribute declared with a negative lower bound is
    read by ``_signed_money``), at most two decimals, below a thousand trillion."""
    if type(v) is str:  # (the usual form first)
        return read_amount(v[1:] if v[:1] in "¥￥" else v, v)
    if isinstance(v, bool) or isinstance(v, float):
        raise Refusal("word:money.not_exact")
    if isinstance(v, int):
        return exact_amount(Decimal(v))
    if type(v) is _Exponent:  # (5e1, 5.0e1: an exponent is not how an amount is written)
        raise Refusal("word:money.not_canonical", value=getattr(v, "raw", str(v)))
    if isinstance(v, Decimal):
        return exact_amount(v)
    if isinstance(v, str):
        return read_amount(v[1:] if v[:1] in "¥￥" else v, v)
    raise Refusal("word:money.not_text")


def _signed_money(v):
    """An amount of an attribute declared with a negative lower bound (`money -10000000..`): as ``_money``, with a
    minus sign written first ("-200,000.00", "-¥200,000.00") or a negative exact JSON number."""
    if type(v) is str:
        body = v[1:] if v[:1] in "¥￥" else v  # (¥ before or after the sign: "-¥200.00", "¥-200.00")
        if body[:1] in "-\u2212":
            body = body[1:]
            value = -read_amount(body[1:] if body[:1] in "¥￥" else body, v)
            return value.copy_abs() if value == 0 else value  # ("-0.00" is 0.00)
    if isinstance(v, (int, Decimal)) and not isinstance(v, bool) and v < 0:
        return -_money(-v)
    return _money(v)


MAX_FACT_NUMBER = Decimal("1e15")
_DECIMAL_TEXT = re.compile(r"-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?", re.ASCII)


def _number(v):
    """A number of a fact (a score, a quantity, hours): an exact JSON number or a decimal written
    plainly ("85.5", "-3"); never a binary float, an exponent, a thousands separator or more than
    ten decimals."""
    if isinstance(v, bool) or isinstance(v, float):
        raise Refusal("word:number.not_exact")
    if isinstance(v, int):
        v = Decimal(v)
    elif isinstance(v, str):
        if len(v) > 40 or not _DECIMAL_TEXT.fullmatch(v):
            raise Refusal("word:number.form")
        v = Decimal(v)
    elif not isinstance(v, Decimal) or type(v) is _Exponent:  # (5e1: no exponent, as the docs say)
        raise Refusal("word:number.form")
    if not v.is_finite() or v.as_tuple().exponent < -10 or abs(v) >= MAX_FACT_NUMBER:
        raise Refusal("word:number.form")
    return v


_UNSEEN = re.compile("[\\s\u00ad\u180e\u200b-\u200f\u2028-\u202f\u205f-\u206f\ufeff]")


def _plain_id(text: str) -> str:
    """An id as one sees it: without the characters one cannot see, in one form and case."""
    return _UNSEEN.sub("", unicodedata.normalize("NFKC", text)).casefold()


# (characters that show nothing: an id that differs from another by them alone is the other to a reader)
_INVISIBLE = re.compile("[\u00ad\u034f\u115f\u1160\u180e\u200b-\u200f\u202a-\u202e\u2060-\u206f\u3164\ufe00-\ufe0f"
                        "\ufeff\uffa0\U000e0000-\U000e007f]")  # (and variation selectors, fillers, tags: review 36)


def _text_written_otherwise(attrs: dict, texts: dict, lineno: int) -> tuple | None:
    """A text value of ``attrs`` that an earlier line wrote with other Unicode characters (NFC alike, not alike as
    written): (its attribute, the value, (the earlier value, its line)); the values beyond ASCII are kept in ``texts``
    by their NFC form."""
    for k, v in attrs.items():
        if type(v) is str and not v.isascii():
            form = unicodedata.normalize("NFC", v)
            first = texts.get(form)
            if first is None:
                texts[form] = (v, lineno)
            elif first[0] != v:
                return k, v, first
    return None


def _same_id_written_otherwise(fid: str, seen: Mapping, forms: dict, add: bool = True) -> str | None:
    """An id of the stream that is ``fid`` written with other Unicode characters — the same text to a reader
    (canonically equivalent: "café" with é, or with e and a combining accent; 不 and the compatibility ideograph
    U+F967; "p1" and "p1" with a zero-width space or a BOM inside: fuzz round 32) — or None.  Two exports of one
    record, one in NFC and one in NFD, would otherwise be two facts shown alike.  ``forms`` holds the ids beyond ASCII
    read so far by their NFC form without invisible characters (``fid`` is added to it, unless it is a reference:
    ``add`` false); the ids a live session knew before are looked up in both forms."""
    nfc = _INVISIBLE.sub("", unicodedata.normalize("NFC", fid))
    other = forms.setdefault(nfc, fid) if add else forms.get(nfc, fid)
    if other != fid and other in seen:
        return other
    for form in (nfc, unicodedata.normalize("NFD", fid)):
        if form != fid and form in seen:
            return form
    return None


def _codes(text: str, other: str | None = None) -> str:
    """What tells ``text`` from ``other``, a text that looks alike, as code points ("U+0065 U+0301"): the characters
    between their common start and end — or, without ``other``, those of ``text`` that Unicode writes otherwise
    (U+F967, the compatibility ideograph of 不; a combining accent)."""
    if other is None:
        odd = [c for c in text if unicodedata.combining(c) or unicodedata.normalize("NFC", c) != c]
    else:
        start = 0
        while start < min(len(text), len(other)) and text[start] == other[start]:
            start += 1
        end = 0
        while end < min(len(text), len(other)) - start and text[-1 - end] == other[-1 - end]:
            end += 1
        odd = list(text[start:len(text) - end])
    return " ".join(f"U+{ord(c):04X}" for c in odd[:12]) + (" …" if len(odd) > 12 else "")


def _near_id(ref: str, seen: dict, near: dict) -> str | None:
    """The id a reference nearly is: the same but for characters one cannot see (a zero-width space pasted with
    it, a full-width space) or case — else, among a file of ordinary size, the closest by spelling."""
    if not isinstance(ref, str):
        return None
    if not near:
        near[None] = None  # (made once)
        for fid in seen:
            if isinstance(fid, str):
                near.setdefault(_plain_id(fid), fid)
    hit = near.get(_plain_id(ref))
    if hit is not None and hit != ref:
        return hit
    if len(seen) <= 5_000:
        from .diagnostics import suggest
        return suggest(ref, (k for k in seen if isinstance(k, str)))
    return None


def _decimal_text(d: Decimal) -> str:
    return f"{d.normalize():f}"


_DAY_FORM = re.compile(r"\d{4}-\d\d-\d\d")


def _iso_day(text: str) -> date:
    """YYYY-MM-DD, and only that: Python's reader also takes a week date (2026-W10-1), which a record of a day
    never is (the fuzzer: silently read as Monday 2 March)."""
    if not _DAY_FORM.fullmatch(text):
        raise ValueError(text)
    return date.fromisoformat(text)


def _date(v):
    if isinstance(v, str) and len(v) == 10:
        try:
            d = _iso_day(v)
        except ValueError:
            if missing_day(v) or any(c.isdigit() and not c.isascii() for c in v):  # (２０２６-03-31: the digit named)
                raise _not_a_day(v, v, "word:date.expected") from None
        else:  # (the years a fact's instant may have: a guarantee valid to 9999-12-31 stopped the evaluation at the
            if not FACT_YEARS[0] <= d.year <= FACT_YEARS[1]:  # rule that counted from it — fuzz round 31)
                raise Refusal("word:time.year", value=v, year=d.year)
            return d
    raise Refusal("word:date.expected")


def _datetime(v):
    return parse_instant(v)[0]


Money = Annotated[Decimal, BeforeValidator(_money)]
At = Annotated[StrictStr, Field(min_length=10)]  # read in the loading loop (_given_moment, parse_instant)
DateValue = Annotated[date, BeforeValidator(_date)]
DateTimeValue = Annotated[datetime, BeforeValidator(_datetime)]


def _default(a: m.AttrDecl):
    """An attribute's default as a fact without it holds it: a datetime's written as an instant
    (`default "2026-03-01T08:00:00+08:00"`) read as one, as the fact's own value would be (fuzz round 33)."""
    if a.type.kind == "datetime" and isinstance(a.default, str):
        return parse_instant(a.default)[0]
    return a.default


def _within(t: m.AttrType, read, refusal: str, shown):
    """A decimal attribute read by ``read`` and held within the bounds its type declares (`decimal 0..100`,
    `money -10000000..10000000`): outside them, ``refusal`` names the value (as ``shown`` writes it) and the range."""
    low, high = t.low, t.high

    def in_range(v):
        v = read(v)
        if (low is not None and v < low) or (high is not None and v > high):
            raise Refusal(refusal, value=shown(v), range=t.describe().split(" ", 1)[1])
        return v
    return Annotated[Decimal, BeforeValidator(in_range)]


def _word_as_written(words: tuple[str, ...]):
    """A text attribute with words listed (`text (不可抗力 "…", 其他 "…")`) takes any text — but not a listed word
    written with other Unicode characters (the compatibility ideographs U+F967 不 and U+F98A 力): shown alike, it would
    silently be another word, and every condition on the word false (a fuzzer: a duty that never arose)."""
    forms = {unicodedata.normalize("NFC", w): w for w in words if not w.isascii()}

    def check(v):
        if type(v) is str and not v.isascii() and v not in words:
            word = forms.get(unicodedata.normalize("NFC", v))
            if word is not None:
                raise Refusal("word:fact.choice_form", word=word, codes=_codes(v))
        return v
    return check


def _python_type(t: m.AttrType, parties: list[str]):
    k = t.kind
    if k == "int":  # (a count or a number in a fact: never past 18 digits, so no sum of them is unwritable)
        return Annotated[StrictInt, Field(ge=t.low if t.low is not None else -MAX_FACT_INT,
                                          le=t.high if t.high is not None else MAX_FACT_INT)]
    if k == "number":
        return _within(t, _number, "word:number.range", _decimal_text)
    if k == "money":
        if t.low is None and t.high is None:
            return Money
        return _within(t, _signed_money if t.low is not None and t.low < 0 else _money, "word:money.range",
                       lambda v: f"{v:f}")
    if k == "bool":
        return StrictBool
    if k == "date":
        return DateValue
    if k == "datetime":
        return DateTimeValue
    if k == "text" and any(not v.isascii() for v in t.values):
        return Annotated[StrictStr, BeforeValidator(_word_as_written(t.values))]
    if k in ("text", "ref"):
        return StrictStr
    if k == "party":
        return Literal[tuple(parties)] if parties else StrictStr
    if k == "enum":
        return Literal[t.values]
    raise AssertionError(k)  # pragma: no cover


class FactSchema:
    """Pydantic models for the declared event types, built once from a checked rule file."""

    def __init__(self, checked: Checked, compiler: Compiler):
        self.checked = checked
        parties = list(checked.parties)
        self._parties = parties
        self.decls: dict[str, m.EventDecl] = {}
        self.requirements: dict[str, list] = {}
        self.refs: dict[str, list[tuple[str, tuple]]] = {}  # type → (ref attribute, the types it may name)
        self.ahead: set[tuple[str, str]] = set()  # (type, ref attribute) declared `ref ahead`
        self.datetimes: dict[str, tuple[str, ...]] = {}  # type → its datetime attributes
        for e in checked.rules.events:
            self.decls[e.name] = e
            self.requirements[e.name] = [(r.attr, compiler.expr(r.when, set(), implicit=True),
                                          span_text(r.when, checked.rules.text)) for r in e.requirements]
            self.refs[e.name] = [(a.name, a.type.values) for a in e.attrs if a.type.kind == "ref"]
            # (`ref ahead`: may name a fact still to come — a stream read as it grows does not know it yet)
            self.ahead.update((e.name, a.name) for a in e.attrs if a.type.kind == "ref" and a.ahead)
            # datetime attributes: one given as a bare date ("signed_at": "2026-04-10") is that day, its hour
            # unknown — the event keeps their names (DAY_ONLY) so that an instant read from it is a day only
            self.datetimes[e.name] = tuple(a.name for a in e.attrs if a.type.kind == "datetime")
        # The fast path: one pydantic-core pass over a whole JSON line, the event type picking
        # its typed dict (a dict straight away: no model instance to build and take apart).
        # Any line it refuses goes through the slow path, which says why.
        line_types = []
        for e in checked.rules.events:
            fields = {"id": Annotated[StrictStr, Field(min_length=1)], "type": Literal[e.name], "at": At}
            for a in e.attrs:
                py = _python_type(a.type, parties)
                if a.has_default:
                    fields[a.name] = Annotated[py, Field(default=_default(a))]
                elif a.optional:
                    fields[a.name] = Annotated[py | None, Field(default=None)]
                else:
                    fields[a.name] = py
            line = TypedDict(f"Line_{len(line_types)}", fields)
            line.__pydantic_config__ = ConfigDict(extra="forbid")
            line_types.append(line)
        self.lines = TypeAdapter(Annotated[Union[tuple(line_types)], Field(discriminator="type")]) \
            if len(line_types) > 1 else (TypeAdapter(line_types[0]) if line_types else None)

    @functools.cached_property
    def models(self) -> dict[str, type[BaseModel]]:
        """A pydantic model per declared type, for the slow path alone (a line the one-pass validation
        refused, to say why): made when a first such line comes, not for every command (~30 ms)."""
        models: dict[str, type[BaseModel]] = {}
        for e in self.checked.rules.events:
            fields = {}
            for a in e.attrs:
                py = _python_type(a.type, self._parties)
                if a.has_default:
                    fields[a.name] = (py, _default(a))
                elif a.optional:
                    fields[a.name] = (py | None, None)
                else:
                    fields[a.name] = (py, ...)
            models[e.name] = create_model(f"Fact_{len(models)}", __config__=ConfigDict(extra="forbid"), **fields)
        return models

    def attr(self, etype, name: str):
        """The declaration of attribute ``name`` of type ``etype`` (None where there is none)."""
        decl = self.decls.get(etype) if isinstance(etype, str) else None
        return next((a for a in decl.attrs if a.name == name), None) if decl is not None else None

    def describe(self, etype: str, attr: str) -> str:
        a = self.attr(etype, attr)
        if a is None:
            return "?"
        extra = " (money as a decimal string like \"1000.00\")" if a.type.kind == "money" else ""
        return a.type.describe() + extra


def _slow_line(obj, lineno: int, schema: FactSchema, err):
    """Validate one line's JSON value step by step, recording every problem; its parts when it is sound."""
    models = schema.models
    if not isinstance(obj, dict):
        kind = type(obj).__name__
        err(lineno, "bad_fact", kind=kind, kind_word=Msg(_JSON_KINDS.get(kind, "word:json.number")),
            hint="hint:one_json_object")
        return None
    fid, etype, at = obj.get("id"), obj.get("type"), obj.get("at")
    if fid is None or etype is None or at is None:
        missing = [k for k, v in (("id", fid), ("type", etype), ("at", at)) if v is None]
        written = _near_key(obj, missing[0], schema.decls.get(etype) if isinstance(etype, str) else None)
        if written is not None:  # ("ID", "Type", "time": the key written otherwise — named, and the one meant offered)
            err(lineno, "missing_key.near", keys=missing, field=missing[0], written=_short(written),
                did_you_mean=missing[0], hint="hint:fact_keys")
        else:
            err(lineno, "missing_key", keys=missing, field=missing[0], hint="hint:fact_keys")
        return None
    if not isinstance(fid, str) or not fid.strip():  # (an id of spaces alone names nothing a reader can see)
        err(lineno, "bad_fact.id", hint="hint:fact_id")
        return None
    if not isinstance(etype, str):
        err(lineno, "bad_fact.type", expected=sorted(models), hint="hint:declared_types")
        return None
    if etype not in models:
        err(lineno, "unknown_event_type", name=etype, expected=sorted(models), did_you_mean=suggest(etype, models),
            hint="hint:declared_types")
        return None
    try:
        when, bare = parse_instant(at)
    except ValueError as exc:
        meant = time_meant(at)
        # (what is expected and how to fix it, every time — not only where a form was guessed: fuzz round 40)
        err(lineno, "bad_time", name="at", problem=getattr(exc, "msg", None) or Msg("word:verbatim", {"text": str(exc)}),
            expected=["datetime", "date"],
            **({"did_you_mean": meant, "meant": meant, "hint": "hint:time_form"} if meant else {"hint": "hint:bad_time"}))
        return None
    attrs_in = dict(obj)
    del attrs_in["id"], attrs_in["type"], attrs_in["at"]
    try:
        attrs = models[etype].model_validate(attrs_in).__dict__
    except ValidationError as exc:
        for e in exc.errors():
            _attribute_error(lineno, etype, e, schema, err)
        return None
    return fid, etype, when, bare, attrs


# What JSON value a line was, when it is not an object (type name in Python → words).
_JSON_KINDS = {"list": "word:json.list", "str": "word:json.str", "bool": "word:json.bool", "NoneType": "word:json.null"}

# pydantic's error types → the Chinese words for them (its English message is kept as it is).
_PYDANTIC_WORDS = {"int_parsing": "word:fact.int", "int_type": "word:fact.int", "int_from_float": "word:fact.int",
                   "less_than_equal": "word:fact.le", "greater_than_equal": "word:fact.ge",
                   "literal_error": "word:fact.choice", "bool_type": "word:fact.bool", "bool_parsing": "word:fact.bool",
                   "string_type": "word:fact.text"}


def _trailing_comma(text: str, pos: int) -> int | None:
    """Where a comma stands with nothing after it but the end of its object or list (`{"a": 1,}`, `[1, 2,]`) — the
    place the decoder stopped at being that `}` or `]` — or None."""
    if pos >= len(text) or text[pos] not in "}]":
        return None
    i = pos - 1
    while i >= 0 and text[i] in " \t\r\n":
        i -= 1
    if i < 0 or text[i] != ",":
        return None
    return i if _innermost_open(text, pos) == ("{" if text[pos] == "}" else "[") else None  # (`{"a": 1,]`: not the
    # comma — the `]` closes no list)


def _innermost_open(text: str, pos: int) -> str | None:
    """The bracket (`{` or `[`) still open at ``pos``, strings skipped; None if none is."""
    stack = []
    for _, c in _brackets(text[:pos]):
        if c in "{[":
            stack.append(c)
        elif stack:
            stack.pop()
    return stack[-1] if stack else None


def _json_problem(msg: str) -> Msg:
    """The JSON decoder's complaint, in words ("Expecting ',' delimiter" → 此处缺少逗号 ,)."""
    key = f"word:json.{msg}"
    return Msg(key, {"problem": msg}) if key in CATALOGUE else Msg("word:verbatim", {"text": msg})


def _attribute_problem(e: dict) -> Msg:
    """One of pydantic's complaints about a value: its English message, with Chinese words beside."""
    refused = (e.get("ctx") or {}).get("error")
    if isinstance(refused, Refusal):
        return Msg("word:fact.refused", {"msg": e["msg"], "why": refused.msg})
    ctx = {k: str(v) for k, v in (e.get("ctx") or {}).items()}
    if e["type"] == "literal_error" and "expected" in ctx:  # ("'甲方' or '乙方'": the values, listed in words)
        values = _QUOTED_VALUE.findall(ctx["expected"])
        given = e.get("input")
        if type(given) is str and not given.isascii() and unicodedata.normalize("NFC", given) in values:
            # (the word itself written with other characters — a CJK compatibility ideograph, a decomposed accent:
            # shown alike, so "应为以下之一：“不可抗力”" of a value that reads 不可抗力 would say nothing)
            return Msg("word:fact.choice_form", {"word": unicodedata.normalize("NFC", given), "codes": _codes(given),
                                                 "msg": e["msg"]})
        if values:
            ctx["expected"] = [f"“{v}”" for v in values]
    return Msg(_PYDANTIC_WORDS.get(e["type"], "word:fact.other"), {**ctx, "msg": e["msg"]})


_RAW_NUMBER = re.compile(r'\s*:\s*(-?[0-9][0-9.eE+-]*)')  # (after an attribute's key: its value, a number as written)
_QUOTED_VALUE = re.compile(r"'((?:[^'\\]|\\.)*)'")  # (a value in pydantic's list of the allowed ones)


def _attribute_error(lineno: int, etype: str, e: dict, schema: FactSchema, err):
    key = str(e["loc"][0]) if e["loc"] else "?"
    if e["type"] == "missing":
        err(lineno, "bad_attribute.missing", event=etype, name=key, expected=[schema.describe(etype, key)],
            hint="hint:add_attribute")
    elif e["type"] == "extra_forbidden":
        known = [a.name for a in schema.decls[etype].attrs]
        err(lineno, "unknown_attribute.fact", event=etype, name=key, expected=known, did_you_mean=suggest(key, known),
            hint="hint:declared_attribute")
    else:
        meant = _value_by_label(schema, etype, key, e.get("input")) or _value_meant(schema, etype, key, e.get("input"))
        err(lineno, "bad_attribute", event=etype, name=key, value=as_written(e.get("input")),
            problem=_attribute_problem(e), expected=[schema.describe(etype, key)], hint="hint:fix_attribute",
            **({"did_you_mean": meant} if meant else {}))


def _value_by_label(schema: FactSchema, etype: str, key: str, given) -> str | None:
    """The one-of value of the field that the rule file labels with the text given (AttrType.labelled)."""
    decl = schema.attr(etype, key)
    return decl.type.labelled(given) if decl is not None else None


def _value_meant(schema: FactSchema, etype: str, key: str, given) -> str | None:
    """The value a field of a date (2026/03/31 → 2026-03-31) or a party (its role, its name as the rule file
    declares the party: buyer, 华北采购有限公司 → 甲方) was meant to be, or None — fuzz round 42."""
    decl = schema.attr(etype, key)
    if decl is None or not isinstance(given, str):
        return None
    if decl.type.kind in ("date", "datetime"):
        meant = time_meant(given)
        return meant[:10] if meant and decl.type.kind == "date" else meant
    if decl.type.kind == "party":
        found = [p.name for p in schema.checked.rules.parties if given.strip() in (p.role, p.label, p.name)]
        return found[0] if len(found) == 1 else None
    return None


_KEY_SAID = {"id": ("fact_id", "编号"), "type": ("kind", "event", "event_type", "类型"),
             "at": ("time", "timestamp", "datetime", "date", "when", "时间")}


def _near_key(obj: dict, key: str, decl=None) -> str | None:
    """A key of a line that means ``key`` (one of id, type, at) written otherwise: another case ("ID", "At") or a
    word for it (time, timestamp for at) — or None; never an attribute its type declares (`date` of an invoice, 开票日期:
    renamed, it would be lost — review round 44)."""
    declared = {a.name for a in decl.attrs} if decl is not None else set()
    for k in obj:
        if isinstance(k, str) and k != key and k not in declared and (
                k.strip().lower() == key or k.strip().lower() in _KEY_SAID[key]):
            return k
    return None


def as_written(value, limit: int = 40) -> str:
    """A value of a fact line as JSON writes it — "1", true, null, {"a": 1} — for a message (never Python's
    '1', True, None; a long one cut to its first 20 characters and "…")."""
    if isinstance(value, Decimal):  # (a number read exactly: as written, 100.5, 1E+309)
        text = str(value)
    elif isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > 3 * limit:
        return str(shown(value))  # (never str() of a number with thousands of digits)
    else:
        try:
            text = json.dumps(value, ensure_ascii=False, default=str)
        except (TypeError, ValueError):
            text = str(shown(value))
    return text if len(text) <= limit else text[:20] + "…"


def _first_difference(first: Event, etype: str, moment: Moment, bare: bool, attrs: dict) -> str:
    """The field in which a line differs from the earlier line with its id (type, at, or the first attribute)."""
    if first.type != etype:
        return "type"
    if first.moment.at != moment.at or first.bare != bare:
        return "at"
    for name in sorted(set(first.attrs) | set(attrs)):
        if first.attrs.get(name) != attrs.get(name):
            if name == DAY_ONLY:  # (the engine's own mark of the attributes known by their day alone: the attribute
                # written with its time on one line and by its day on the other is named — fuzz round 42)
                return min(frozenset(first.attrs.get(DAY_ONLY, ())) ^ frozenset(attrs.get(DAY_ONLY, ())), default="at")
            return name
    return "at"


def _err_shifted(err, lead: int, ln, key, **a):
    """``err`` at a column ``lead`` further (the decoder counts from the stripped line)."""
    err(ln, key, **(dict(a, column=a["column"] + lead) if type(a.get("column")) is int else a))


_JSON_KEY = re.compile(r'"((?:[^"\\]|\\.)*)"\s*:')


def _key_as_written(line: str, name: str) -> tuple[int, int]:
    """Where a key that decodes to ``name`` is written in a fact line, and how wide it is as written (a key with a
    JSON escape, "p\\u0061rty": its own column, not the line's start — the fuzzer, round 37); (-1, 1) if none."""
    for found in _JSON_KEY.finditer(line):
        try:
            if json.loads(f'"{found.group(1)}"') == name:
                return found.start(), found.end(1) + 1 - found.start()
        except ValueError:
            continue
    return -1, 1


def load_facts(lines: Iterable[str], schema: FactSchema, path: str = "<facts>", first_line: int = 1,
               known: Mapping[str, Event] | None = None, known_texts: dict | None = None) -> list[Event]:
    """Parse and validate a JSONL fact stream; raise ``QiyueError`` listing every bad line.  (A stream
    read on as it grows — a live session — gives its next lines' number, the facts ``known`` by id and the text values
    beyond ASCII it read, ``known_texts``: what this read adds to them is kept only when it is accepted.)"""
    errors: list[Diagnostic] = []
    events: list[Event] = []
    seen: dict[str, Event] = {} if known is None else ChainMap({}, known)

    current = [0, "", 0]  # the line being read: its number and text (and the number of the last line refused)
    refused_ids: set = set()  # the ids of lines refused (``err``)

    def err(lineno, key, **args):
        """Record the error ``key`` (messages.CATALOGUE) of line ``lineno`` — at the column of the key it names
        (`"qty"` of the line being read), else at the line's start.  Past MAX_ERRORS nothing more is recorded, within
        a line as between lines: a line of 100,000 unknown keys gave 100,000 errors, each searching the whole line
        (and reading it again for its id) — an hour's work for one line."""
        if len(errors) >= MAX_ERRORS:
            return
        col, width = (args["column"], 1) if type(args.get("column")) is int and args["column"] > 0 else (1, 1)
        name = args.get("name")
        if type(name) is str and lineno == current[0]:
            at = current[1].find(json.dumps(name, ensure_ascii=False))
            width = len(json.dumps(name, ensure_ascii=False))
            if at < 0:
                at = current[1].find(json.dumps(name))
            if at < 0:  # (a key written with other escapes — "p\u0061rty" —: found as written, among the line's keys)
                at, width = _key_as_written(current[1], name)
            if at >= 0:
                col = at + 1
                if key == "bad_attribute" and type(args.get("value")) is str:  # (a number as the line writes it —
                    # 2e0, not the 2 it reads as — the fuzzer, round 27)
                    raw = _RAW_NUMBER.match(current[1], at + width)
                    if raw is not None:
                        args["value"] = raw.group(1) if len(raw.group(1)) <= 40 else raw.group(1)[:20] + "…"
        errors.append(diag(key, m.Span(path, lineno, col, lineno, col + width), line=lineno, **args))
        if lineno == current[0] and current[2] != lineno:  # (the line refused: a reference to its id is no second
            current[2] = lineno  # error — its id read once, however many errors the line has)
            try:
                refused_ids.add(json.loads(current[1]).get("id"))
            except (ValueError, AttributeError, TypeError, RecursionError):
                pass

    # (no event declared: every line goes the slow way, which names the types there are — none)
    validate = schema.lines.validate_python if schema.lines is not None else None
    requirements, refs, datetimes = schema.requirements, schema.refs, schema.datetimes
    bare_ids: set[str] = set()  # facts given as a bare date: part of what a repeated line must match
    forms: dict[str, str] = {}  # the ids beyond ASCII of this read, by their NFC form (``_same_id_written_otherwise``)
    # the text values beyond ASCII, by their NFC form: (as first written, its line) — ``_text_written_otherwise``
    texts = {} if known_texts is None else ChainMap({}, known_texts)
    referring: list[Event] = []  # facts with a reference to check once every id is known
    for lineno, raw in enumerate(lines, start=first_line):
        if errors and len(errors) >= MAX_ERRORS:
            break
        current[0], current[1] = lineno, raw
        text = raw.strip()
        if not text or text[0] != "{":  # (a fact is a JSON object: anything else is looked at closely)
            text = text.lstrip("\ufeff")
            if not text or text.startswith("//"):
                continue
        if not text.isascii() and _SURROGATE.search(text):  # a lone surrogate in the line itself (not \ud800)
            err(lineno, "bad_fact.surrogate", code_point=f"U+{ord(_SURROGATE.search(text).group()):04X}")
            continue
        obj = _plain_object(text) if "\\" not in text else None
        plain = obj is not None  # (no escape in the line: no value can hold a surrogate)
        if not plain:
            lead = len(raw) - len(raw.lstrip())  # (the decoder counts from the stripped line: its columns, the line's)
            obj = _decode(text, lineno, err if not lead else functools.partial(_err_shifted, err, lead))
            if obj is _UNREADABLE:
                continue
            odd = next((k for k in obj if not k.isascii() and _SURROGATE.search(k)), None) \
                if type(obj) is dict else None
            if odd is not None:  # a key names an attribute: it must be text ("\ud800" as a key)
                err(lineno, "bad_fact.key_surrogate", code_point=f"U+{ord(_SURROGATE.search(odd).group()):04X}",
                    name=odd.encode("utf-8", "backslashreplace").decode("ascii"))
                continue
        line = None
        if type(obj) is dict and validate is not None:
            try:
                line = validate(obj)
            except ValidationError:
                pass
        bare, moment = False, None
        if line is not None and line["id"].isspace():  # (an id of spaces alone: refused the slow way)
            line = None
        if line is not None:
            attrs = line  # the validated dict (defaults filled in) becomes the event's attributes
            moment = _given_moment(attrs["at"])
            if moment is None:
                try:
                    when, bare = parse_instant(attrs["at"])
                except ValueError:
                    line = None
        if line is not None:
            fid, etype = attrs.pop("id"), attrs.pop("type")
            del attrs["at"]
        else:
            parsed = _slow_line(obj, lineno, schema, err)
            if parsed is None:
                continue
            fid, etype, when, bare, attrs = parsed
        if not plain:  # (a line with an escape: "\\ud800" is a lone surrogate once decoded)
            if not fid.isascii() and _SURROGATE.search(fid):  # an id is quoted everywhere: it must be text
                err(lineno, "bad_fact.id_surrogate", code_point=f"U+{ord(_SURROGATE.search(fid).group()):04X}",
                    hint="hint:fact_id")
                continue
            odd = next((k for k, v in attrs.items() if type(v) is str and not v.isascii() and _SURROGATE.search(v)),
                       None)
            if odd is not None:  # a text attribute is quoted in reports too: it must be text
                err(lineno, "bad_fact.value_surrogate", name=odd,
                    code_point=f"U+{ord(_SURROGATE.search(attrs[odd]).group()):04X}")
                continue
        if moment is None:
            moment = Moment.start_of_day(when.date()) if bare else Moment.of(when)
        if datetimes[etype]:
            day_only = frozenset(n for n in datetimes[etype] if type(v := obj.get(n)) is str and len(v.strip()) == 10)
            if day_only:
                attrs[DAY_ONLY] = day_only
        event = Event(fid, etype, moment, attrs, len(events), lineno, (), bare)
        for attr, cond, said in requirements[etype]:
            if attrs.get(attr) is None and cond(Env({"__self__": event}, None, moment.at)):
                # (which case requires it, as the rule file writes it, and how to mend the line — fuzz round 42)
                err(lineno, "missing_attribute", event=etype, name=attr, case=said, expected=[schema.describe(etype, attr)],
                    hint="hint:add_attribute")
        if not fid.isascii() or fid in forms:  # (an ASCII id after its look-alike: K1 after U+212A 1 — any order)
            other = _same_id_written_otherwise(fid, seen, forms)
            if other is not None:
                err(lineno, "conflicting_id.form", id=_short(fid), other=_short(other), first=seen[other].line,
                    codes=_codes(fid, other), other_codes=_codes(other, fid), hint="hint:conflicting_id.form")
                continue
        odd = _text_written_otherwise(attrs, texts, lineno)
        if odd is not None:  # (a contract number "C金1" with U+F90A on the remittance, U+91D1 on the sale: compared as
            # written it matches nothing, silently — the fuzzer, round 36; refused naming the code points, as an id is)
            name, value, (other, first_line) = odd
            err(lineno, "value_form", name=name, value=_short(value), other=_short(other), first=first_line,
                codes=_codes(value, other), other_codes=_codes(other, value), hint="hint:value_form")
            continue
        first = seen.get(fid)
        if first is not None:
            if (first.type, first.moment.at, fid in bare_ids or first.bare, first.attrs) != (etype, moment.at, bare, attrs):
                err(lineno, "conflicting_id", id=fid, first=first.line, field=_first_difference(first, etype, moment, bare,
                                                                                              attrs),
                    hint="hint:conflicting_id")
            continue
        seen[fid] = event
        if bare:
            bare_ids.add(fid)
        if refs[etype]:
            referring.append(event)
        events.append(event)
    if not errors or len(errors) < MAX_ERRORS:  # (every error of the file in one run: the references too)
        near_ids: dict = {}  # (made at the first reference to an unknown id: ``_near_id``)
        for ev in referring:
            for attr, types in refs[ev.type]:
                ref = ev.attrs.get(attr)
                if ref is None:
                    continue
                if ref == ev.id:
                    err(ev.line, "self_ref", name=attr, ref=_short(ref), hint="hint:unknown_ref")
                elif ref not in seen and ref in refused_ids:
                    continue  # (it names a line refused above: that line's error says what to mend)
                elif ref not in seen and (ev.type, attr) in schema.ahead:
                    other = None if ref.isascii() and ref not in forms else \
                        _same_id_written_otherwise(ref, seen, forms, add=False)
                    if other is not None:  # (no fact to come can have an id that is an id of the stream written
                        # with other characters: `conflicting_id.form` — the reference is to the fact there is)
                        err(ev.line, "unknown_ref", name=attr, ref=_short(ref), hint="hint:unknown_ref",
                            did_you_mean=_short(other))
                    continue  # (`ref ahead`: the fact it names may be still to come — a notice of a change to come)
                elif ref not in seen and (other := None if ref.isascii() and ref not in forms else
                                          _same_id_written_otherwise(ref, seen, forms, add=False)) is not None:
                    # (the id of a fact there is, written with other characters: said so, naming them — fuzz round 35)
                    err(ev.line, "unknown_ref.form", name=attr, ref=_short(ref), other=_short(other),
                        first=seen[other].line, codes=_codes(ref, other), other_codes=_codes(other, ref),
                        hint="hint:conflicting_id.form")
                elif ref not in seen:  # (a stream read as it grows — watch — knows only the lines read so far)
                    near = _near_id(ref, seen, near_ids)
                    err(ev.line, "unknown_ref" if known is None else "unknown_ref.so_far", name=attr, ref=_short(ref),
                        hint="hint:unknown_ref", **({"did_you_mean": _short(near)} if near else {}))
                elif types and seen[ref].type not in types:  # `ref (incident_reported)`
                    err(ev.line, "ref_type", name=attr, ref=_short(ref), type=seen[ref].type, types=list(types),
                        other=seen[ref].line, hint="hint:ref_type")
    if errors:
        raise QiyueError(errors)
    if known_texts is not None:
        known_texts.update(texts.maps[0])
    return events
