"""What the rule language allows, known before anything is parsed: how long a rule text, how deep an
expression, how many digits a number may be; which days a date may name; the grammar's text.  Kept apart
from ``parser`` so that what only needs these — the checker, fact loading, a rule file read back from the
cache (``rulecache``) — does not load lark and build the parser."""
from __future__ import annotations

import functools
import re
from importlib import resources

# How deeply an expression may nest (`not not …`, `a.b.c…`, `t[t[…]]`, `all of (all of (…))`, a sum
# of many terms), counted through the parameters and periods it reads (checker.py): generous for real
# contracts (the seed's deepest is under 10), and well inside what the checker, the compiler and the
# evaluation can walk without exhausting Python's stack.
MAX_DEPTH = 100
# How many levels the model of an expression may have: a sum of n terms is one level of nesting as
# people read it, but n - 1 levels of the model ((a + b) + c) + …, which every walk recurses through.
# Up to MAX_DEPTH levels each of which a sum of up to MAX_DEPTH terms would be ten thousand; this
# bounds them together, at twice MAX_DEPTH (all of it walked without trouble at 250).
MAX_REAL = 2 * MAX_DEPTH
# The most digits a number in a rule file may have (amounts are bounded far below this): a longer
# literal is refused before it is converted (Python refuses to convert one of over 4,300 digits).
MAX_DIGITS = 40
# The most characters a rule text may have: over a hundred times the seed contract's rules (about
# 40,000).  Parsing takes time in proportion to the text, up to ~7 µs a character where
# expressions are dense (lark's LALR parser and its tree; ~1.3 µs in rules as people write them,
# with the cyclic collector paused): a 5 MB rule file is checked in ~7 s.  A text over this is
# refused before it is parsed: it is a wrong file or a block pasted many times over.
MAX_RULE_CHARS = 6_000_000
# The years a fact's instant (and --as-of) may have: the calendar counts deadlines on to the year 9999 from them.
FACT_YEARS = (1900, 9000)
# The longest duration a rule may write, by unit: a fact's date may be as late as the year 9000 and
# the calendar counts to the year 9999, so no duration may pass 999 years (a longer one is a typo —
# `9999 years` for `9 years` — and would only fail when a fact set it running).  Hours and minutes
# are bounded by the digits a whole number may have (999,999 hours is 114 years).
LONGEST = {"years": 999, "months": 999 * 12, "weeks": 52_000, "days": 364_000, "working_days": 250_000}


@functools.lru_cache(maxsize=1)
def grammar_text() -> str:
    """The grammar as lark reads it: qiyue.lark with each keyword's Chinese spellings ending where no letter
    follows (``chinese_keyword_ends``)."""
    return chinese_keyword_ends(resources.files("engine.grammar").joinpath("qiyue.lark").read_text(encoding="utf-8"))


# A keyword is written in the grammar as `/(every|每)\b/`: a whole word.  A Chinese author writes a number
# against the word before it — `每3个月`, `直至2026-12-31`, `累计不超过5%` — where `\b` finds no end (每 and 3 are both
# word characters).  So a spelling that ends in a Chinese character ends where no letter (nor _) follows — a digit
# may —, unless the number runs on into a word other than a unit (or 自) standing alone: `第1期付款`, `第1年服务费`,
# `首次_付款` stay names, as they were.  An English spelling ends where the word ends, as written: `every_3` stays a
# name.
_KEYWORD = re.compile(r"^(?P<head>[A-Z_]+(?:\.\d+)?:\s*)/\((?P<forms>[^/]*)\)\\b/", re.M)
_CJK_END = re.compile(r"[\u3400-\u9fff]$")
LETTER_AFTER = (r"(?![^\W\d])(?![\d.,]+(?!(?:个\s*)?(?:季度|小时|分钟|星期|工作日|自然日|日历日|[周日天月年自])"
                r"(?![^\W\d]))[^\W\d])")


def chinese_keyword_ends(text: str) -> str:
    def one(m: re.Match) -> str:
        forms = m["forms"].split("|")
        if not any(_CJK_END.search(f) for f in forms):
            return m[0]
        return m["head"] + "/(?:" + "|".join(f + (LETTER_AFTER if _CJK_END.search(f) else "\\b") for f in forms) + ")/"
    return _KEYWORD.sub(one, text)


_YMD = re.compile(r"\s*([0-9]{4})-([0-9]{2})-([0-9]{2})")


def missing_day(text: str) -> tuple[str, dict] | None:
    """For a text written like a date (YYYY-MM-DD, a time may follow) whose month or day does not
    exist: ("no_such_year" — the year 0 —, "no_such_month" or "no_such_day", its parts) — so that 2025-02-30 is refused as a day
    February does not have, not as something that is not a date.  None otherwise."""
    found = _YMD.match(text)
    if found is None:
        return None
    year, month, day = (int(g) for g in found.groups())
    if year == 0:  # (written YYYY-MM-DD all the same: the year is what is wrong — fuzz round 40)
        return "no_such_year", {"year": year}
    if not 1 <= month <= 12:
        return "no_such_month", {"year": year, "month": month}
    leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
    last = (31, 29 if leap else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)[month - 1]
    if not 1 <= day <= last:
        return "no_such_day", {"year": year, "month": month, "mm": f"{month:02d}", "day": day, "last": last}
    return None
