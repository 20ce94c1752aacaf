"""Amounts written in capitals (大写), read with cn2an rather than a home-made converter."""
from __future__ import annotations

import re
from decimal import Decimal

import cn2an

_RMB = re.compile(r"^(?:人民币)?(?P<yuan>.*?)(?:元|圆)(?:零)?(?P<jiao>.角)?(?:零)?(?P<fen>.分)?[整正]?$")


def words_to_amount(words: str) -> Decimal | None:
    """'陆佰玖拾捌万元整' → Decimal('6980000.00'); None when the text is not an amount in capitals."""
    m = _RMB.match(words.strip())
    if not m:
        return None
    try:
        yuan = Decimal(int(cn2an.cn2an(m.group("yuan"), "strict"))) if m.group("yuan") else Decimal(0)
        jiao = Decimal(int(cn2an.cn2an(m.group("jiao")[0], "strict"))) if m.group("jiao") else Decimal(0)
        fen = Decimal(int(cn2an.cn2an(m.group("fen")[0], "strict"))) if m.group("fen") else Decimal(0)
    except (ValueError, KeyError, TypeError):
        return None
    return (yuan + jiao / 10 + fen / 100).quantize(Decimal("0.01"))
