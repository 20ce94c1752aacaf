"""The same rules written with English and with Chinese keywords give identical reports (issue 12,
part 6) — not on one small example (test_chinese_keywords.py) but on whole contracts: the seed
rules and the example contracts, each turned into Chinese keywords by the grammar itself (every
keyword terminal is `/(english|中文)\\b/`: each keyword token of the file, found by parsing it with
all tokens kept, is replaced by its Chinese spelling), then both files evaluated on the same
generated fact streams (``qiyue.testing``)."""
from __future__ import annotations

import functools
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from lark import Lark, Token

from engine.api import compile_rules
from engine.diagnostics import QiyueError
from engine.lang.parser import grammar_text, keyword_forms
from qiyue.testing import fact_streams, lines

ROOT = Path(__file__).resolve().parent.parent
CJK = re.compile(r"[\u3400-\u9fff]")
FILES = ["gzmz-2025-it-ops.qy", "examples/goods-procurement.qy", "examples/om-outsourcing.qy", "examples/equipment-sale.qy",
         "examples/office-lease.qy"]


@functools.lru_cache(maxsize=1)
def _all_tokens_parser() -> Lark:
    return Lark(grammar_text(), parser="lalr", lexer="contextual", propagate_positions=True,
                maybe_placeholders=False, keep_all_tokens=True)


@functools.lru_cache(maxsize=1)
def _chinese() -> dict[str, str]:
    """Keyword terminal → its Chinese spelling, read from the grammar."""
    forms = keyword_forms(_all_tokens_parser().terminals)
    return {name: zh[0] for name, spellings in forms.items() if (zh := [f for f in spellings if CJK.search(f)])}


def to_chinese_keywords(text: str) -> str:
    """``text`` with every keyword token in its Chinese spelling; everything else as it was."""
    tree = _all_tokens_parser().parse(text)
    tokens = [t for t in tree.scan_values(lambda v: isinstance(v, Token)) if t.type in _chinese()]
    out = text
    for t in sorted(tokens, key=lambda t: t.start_pos, reverse=True):
        if not CJK.search(t.value):
            out = out[:t.start_pos] + _chinese()[t.type] + out[t.end_pos:]
    return out


@functools.lru_cache(maxsize=1)
def _english_words() -> re.Pattern:
    """Every keyword's English spellings, longest first (an explanation quotes the rule's own text)."""
    forms = [f for name, spellings in keyword_forms(_all_tokens_parser().terminals).items() if name in _chinese()
             for f in spellings if not CJK.search(f)]
    return re.compile(r"(?<![\w.])(" + "|".join(sorted(forms, key=len, reverse=True)) + r")(?![\w])")


def _comparable(report):
    """The report with the rule file's own words (quoted in explanations: `condition` steps, what a duty
    waits for) in one spelling — each English keyword in Chinese, in both reports alike; the file's
    path and hash left out; a checker finding's column (it moves with a keyword's length) left out."""
    if isinstance(report, dict):
        return {k: _comparable(v) for k, v in report.items()
                if k not in ("rules", "facts", "column", "end_column")}
    if isinstance(report, list):
        return [_comparable(v) for v in report]
    if isinstance(report, str):
        return _english_words().sub(lambda m: _chinese_of(m.group(0)), report)
    return report


def _chinese_of(word: str) -> str:
    for name, spellings in keyword_forms(_all_tokens_parser().terminals).items():
        if name in _chinese() and any(re.fullmatch(f, word) for f in spellings):
            return _chinese()[name]
    return word  # pragma: no cover


@functools.lru_cache(maxsize=None)
def _pair(name: str):
    text = (ROOT / "rules" / name).read_text(encoding="utf-8")
    zh = to_chinese_keywords(text)
    path = str(ROOT / "rules" / name)
    return compile_rules(text, path), compile_rules(zh, path), zh


@pytest.mark.parametrize("name", FILES)
def test_the_chinese_keyword_file_is_really_chinese_and_checks_clean(name):
    english, chinese, zh = _pair(name)
    for word in ("obligation", "for each", "within", "fulfilled by", "clause"):
        assert not re.search(rf"(?m)^\s*{word}\b", zh), word
    assert len(chinese.prepared.checked.rules.obligations) == len(english.prepared.checked.rules.obligations)


@pytest.mark.parametrize("name", FILES)
def test_english_and_chinese_keywords_give_identical_reports(name):
    english, chinese, _ = _pair(name)

    @settings(max_examples=40, deadline=None, derandomize=True, database=None,
              suppress_health_check=list(HealthCheck))
    @given(fact_streams(english))
    def same(stream):
        facts, as_of = stream
        try:
            en = english.evaluate(lines(facts), as_of)
        except QiyueError as exc:
            with pytest.raises(QiyueError) as zh_exc:
                chinese.evaluate(lines(facts), as_of)
            assert [d.code for d in zh_exc.value.diagnostics] == [d.code for d in exc.diagnostics]
            return
        assert _comparable(chinese.evaluate(lines(facts), as_of)) == _comparable(en)

    same()
