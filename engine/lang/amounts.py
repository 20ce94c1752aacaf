"""Amounts: money in numerals, read in one written form only; amounts in capitals (大写), read with
cn2an rather than a home-made converter."""
from __future__ import annotations

import re
from decimal import Decimal

from ..messages import Refusal

# A thousand trillion yuan: anything larger is a typo, not a contract (the checker's bound too).
MAX_MONEY = Decimal("1e15")

# The one written form of money: ASCII digits, commas only between groups of three, at most two
# decimals (the smallest unit is the fen).  No sign, no spaces, no exponent, no leading zero.
_NUMERALS = re.compile(r"(?:0|[1-9][0-9]*|[1-9][0-9]{0,2}(?:,[0-9]{3})+)(?:\.[0-9]{1,2})?", re.ASCII)


class Shown(str):
    """A value cut to a readable length for a message: ``{value}`` is the text, ``{value!r}`` quotes it
    when it was a string (as repr would) and shows it as it is otherwise."""

    quoted = False

    def __repr__(self):
        return repr(str(self)) if self.quoted else str(self)


def shown(value, limit: int = 40):
    """``value`` for a message: itself when short, else its first 20 characters and "…" (a huge number
    or text is never echoed in full; nested values are abridged)."""
    if isinstance(value, str):
        if len(value) <= limit:
            return value
        cut = Shown(value[:20] + "…")
        cut.quoted = True
        return cut
    if isinstance(value, int) and not isinstance(value, bool):
        if value.bit_length() <= 3 * limit:  # (never str() of a number with thousands of digits)
            text = str(value)
            return value if len(text) <= limit else Shown(text[:20] + "…")
        head = str(abs(value) // 10 ** max(0, int(value.bit_length() * 0.30103) - 21))  # its leading digits
        return Shown(("-" if value < 0 else "") + head[:20] + "…")
    if isinstance(value, Decimal):  # (as the JSON had it: 100.5, not Decimal('100.5'))
        text = str(value)
        return Shown(text) if len(text) <= limit else Shown(text[:20] + "…")
    if value is None or isinstance(value, (bool, float)):
        return value
    import reprlib

    abridged = reprlib.Repr()
    abridged.maxlevel, abridged.maxstring, abridged.maxother = 3, limit, limit
    text = abridged.repr(value)
    return Shown(text if len(text) <= limit else text[:20] + "…")


def read_amount(text: str, written: str | None = None, bounded: bool = True) -> Decimal:
    """Money written in numerals ("1,234,567.89", "1234567.89") → the exact Decimal; a ``Refusal``
    (a ValueError whose words are in the catalogue) for any other form, saying what is wrong.
    ``written`` is the text as the user wrote it (with its ¥), quoted in the refusal; ``bounded``:
    refuse ``MAX_MONEY`` and more (the rule file's amounts leave that to the checker's
    amount_out_of_range, which names the parameter)."""
    if _NUMERALS.fullmatch(text):
        value = Decimal(text.replace(",", "") if "," in text else text)
        if bounded and value >= MAX_MONEY:
            raise Refusal("word:money.too_large", value=shown(text if written is None else written))
        return value
    quoted = shown(text if written is None else written)  # (only a refusal quotes it)
    odd = next((c for c in text if c.isdigit() and not c.isascii()), None)
    if odd is not None:
        raise Refusal("word:money.digits", value=quoted, char=odd)
    if text[:1] and text[0] in "-\u2212" and text[1:].strip("0.,"):  # (not "": "" is in every string; not "-"
        raise Refusal("word:money.negative", value=quoted)  # or "-0.00": a sign on nothing is no negative amount)
    whole, point, decimals = text.rpartition(".")
    if point and len(decimals) > 2 and decimals.isdigit() and decimals.isascii() and _NUMERALS.fullmatch(whole):
        raise Refusal("word:money.fraction", value=quoted)
    meant = amount_meant(text)
    if meant is not None:  # ("25000元", "¥1,000,000.00", "人民币壹佰万元整": the amount the contract's way of writing it means)
        raise Refusal("word:money.not_canonical.meant", value=quoted, meant=meant)
    raise Refusal("word:money.not_canonical", value=quoted)


_WRITTEN_AS_A_CONTRACT = re.compile(r"(?:人民币|RMB|CNY)?\s*[¥￥]?\s*([0-9][0-9,]*(?:\.[0-9]{1,2})?)\s*(?:元|圆)?整?",
                                    re.ASCII | re.IGNORECASE)

# numerals and a unit of ten thousand (万) or a hundred million (亿), as contracts often write an amount: 10万元, ¥1.5亿
_TEN_THOUSANDS = re.compile(r"(?:人民币|RMB|CNY)?\s*[¥￥]?\s*((?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.[0-9]+)?)\s*([万萬亿億])"
                            r"\s*(?:元|圆)?整?", re.ASCII | re.IGNORECASE)  # (commas only between groups of three:
# 10,0万 is no thousands mark — review round 44)


def amount_meant(text: str) -> str | None:
    """The amount a text written as a contract writes money means, as a fact writes it ("25000元" → "25000.00",
    "¥1,000,000.00" → "1000000.00", "人民币壹佰万元整" → "1000000.00"); None when it is not such a text (a refusal
    then says only what the notation is — user round 23)."""
    t = text.strip()
    found = _WRITTEN_AS_A_CONTRACT.fullmatch(t)
    if found is not None and t != found.group(1):
        digits = found.group(1).replace(",", "")
        if digits.count(".") <= 1 and digits.replace(".", "").isdigit() and len(digits) <= 20:
            return f"{Decimal(digits):.2f}"
        return None
    found = _TEN_THOUSANDS.fullmatch(t)
    if found is not None:  # ("10万元", "¥10万", "1.5亿元": numerals and a unit of ten thousand — user round 28)
        digits = found.group(1).replace(",", "")
        if digits.count(".") <= 1 and len(digits) <= 20:
            value = Decimal(digits) * (10_000 if found.group(2) in "万萬" else 100_000_000)
            if value == value.quantize(Decimal("0.01")):
                return f"{value:.2f}"
        return None
    value = words_to_amount(t) if len(t) <= 40 and ("元" in t or "圆" in t) else None
    return None if value is None else f"{value:.2f}"


def exact_amount(value: Decimal) -> Decimal:
    """An amount already read as a Decimal (a JSON number): finite, not negative, at most two
    decimals, below ``MAX_MONEY`` — else a ``Refusal`` saying which."""
    if not value.is_finite():
        raise Refusal("word:money.not_finite")
    if value < 0:
        raise Refusal("word:money.negative", value=shown(value))
    if value >= MAX_MONEY:
        raise Refusal("word:money.too_large", value=shown(value))
    exponent = value.as_tuple().exponent
    if exponent < -2:
        raise Refusal("word:money.fraction", value=shown(value))
    if exponent > 0:  # 1E+6: an exponent is not how an amount is written
        raise Refusal("word:money.not_canonical", value=shown(value))
    return value.copy_abs() if value == 0 else value  # (-0.0 is 0.0)

# 大写 as 《支付结算办法》附一 writes it: [人民币] yuan 元/圆 [零] [d角] [零] [d分] [整/正] — the yuan part may be absent under one
# yuan (陆角伍分), and before 角 and 分 stands one digit 壹–玖 (拾角 and 零零 are no amount: fuzz round 33)
_DIGIT = "[壹贰叁肆伍陆柒捌玖一二三四五六七八九两]"
_RMB = re.compile(rf"^(?:人民币)?(?:(?P<yuan>.*?)(?:元|圆))?(?:零)?(?:(?P<jiao>{_DIGIT})角)?(?:零)?(?:(?P<fen>{_DIGIT})分)?"
                  r"[整正]?$")
# a 零 for a skipped place before a digit and its unit (壹拾万零柒仟: the form 附一 allows beside 壹拾万柒仟), which
# cn2an's strict reading refuses: read as the same number without it
_ZERO_BEFORE_UNIT = re.compile(r"零(?=[壹贰叁肆伍陆柒捌玖一二三四五六七八九两][仟佰拾千百十])")


# the characters a count in Chinese numerals is written with (十五, 两, 一〇, 壹拾)
CN_NUMERAL_CHARS = "零〇一二两三四五六七八九十百千壹贰叁肆伍陆柒捌玖拾佰仟"


def cn_numeral(text: str):
    """A count written in Chinese numerals (十五 → 15, 两 → 2, 一〇 → 10) as a number, or None where cn2an reads no
    numeral in it — a length written so (`十个工作日`, `十 日`) is told the digits it means."""
    import cn2an  # (imported when needed: compiling its patterns costs ~0.1 s at start-up)

    try:
        return cn2an.cn2an(text.replace("两", "二").replace("〇", "零"), "strict")
    except Exception:  # (cn2an's own errors are of several kinds: not a numeral after all)
        return None


def words_to_amount(words: str) -> Decimal | None:
    """'陆佰玖拾捌万元整' → Decimal('6980000.00'); None when the text is not an amount in capitals."""
    m = _RMB.match(words.strip())
    if not m or not (m.group("yuan") or m.group("jiao") or m.group("fen")) or "零零" in words:
        return None
    import cn2an  # (imported when capitals are read: compiling its patterns costs ~0.1 s at start-up)

    def whole(text: str) -> Decimal:  # (a yuan, jiao or fen count: "壹仟点伍" is not one — 大写 writes 角 and 分)
        try:
            n = cn2an.cn2an(text, "strict")
        except ValueError:
            plain = _ZERO_BEFORE_UNIT.sub("", text)
            if plain == text:
                raise
            n = cn2an.cn2an(plain, "strict")
        if isinstance(n, float) and not n.is_integer():
            raise ValueError(text)
        return Decimal(int(n))

    try:
        yuan = whole(m.group("yuan")) if m.group("yuan") else Decimal(0)
        jiao = whole(m.group("jiao")) if m.group("jiao") else Decimal(0)
        fen = whole(m.group("fen")) if m.group("fen") else Decimal(0)
    except (ValueError, KeyError, TypeError):
        return None
    return (yuan + jiao / 10 + fen / 100).quantize(Decimal("0.01"))
