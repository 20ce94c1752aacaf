"""Guards for the report build's speed work (issue 13): each shortcut gives what the long way gave.

- a row's ``because`` (steps encoded and worded in one walk, ``Encoder.explain``) are the words
  ``render_lines`` makes from its encoded ``steps``, in the report's language and, from the same
  steps, in the other;
- ``render`` of each step (the renderers made once at import) is the phrase applied as ``PHRASES``
  writes it;
- the text report's ``by_clause`` (rows grouped in one pass) gives each clause the rows a filter of
  every row by that clause gives, in their order;
- an HTML piece with nothing to escape is as ``html.escape(visible(text))`` makes it, and one with
  something to escape too;
- an instant in Chinese, made in one piece, reads as before: 时 alone, 分 without 秒, 分 and 秒,
  00分 before the seconds, 24时;
- a datetime attribute of a fact is worded from its value as from its ISO text read back;
- the JSON writer's per-row function and a small encoder memo change no byte (a report as large as
  one that lets go of what it shared, forced small here).
"""
from __future__ import annotations

import io
from datetime import date, datetime, timedelta, timezone
from html import escape as html_escape
from pathlib import Path

import pytest

from engine import cli
from engine.api import compile_file
from engine.report import explain
from engine.report.build import ROWS, build, by_clause, parts
from engine.report.html import escape
from engine.textfile import visible
from engine.time.timecalc import Moment

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "rules" / "gzmz-2025-it-ops.qy"
AT = "2026-08-31T00:00:00+08:00"
STREAMS = ("full-year.jsonl", "data-leak.jsonl", "force-majeure.jsonl", "address-change.jsonl")


@pytest.fixture(scope="module")
def compiled():
    return compile_file(SEED)


def _report(compiled, name: str, lang: str) -> dict:
    lines = (ROOT / "facts" / name).read_text(encoding="utf-8").splitlines()
    return compiled.evaluate(lines, AT, name, "utf-8", lang=lang)


@pytest.mark.parametrize("name", STREAMS)
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_because_is_the_steps_in_words(compiled, name, lang):
    report = _report(compiled, name, lang)
    rows = [r for key in ROWS for r in report[key] if "steps" in r]
    assert rows
    other = "en" if lang == "zh" else "zh"
    for row in rows:
        assert row["because"] == explain.render_lines(row["steps"], lang)
        explain.render_lines(row["steps"], other)  # (the other language words the same steps, no error)


def _steps(value):
    """Every encoded step a report holds, nested ones too."""
    stack = [value]
    while stack:
        v = stack.pop()
        if isinstance(v, dict):
            if "code" in v and "args" in v:
                yield v
            stack.extend(v.values())
        elif isinstance(v, list):
            stack.extend(v)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_render_is_the_phrase(compiled, lang):
    report = _report(compiled, "full-year.jsonl", lang)
    seen = 0
    for step in _steps([report[key] for key in ROWS]):
        pair = explain.PHRASES.get(step["code"])
        if pair is None:
            continue
        phrase = pair[0] if lang == "zh" else pair[1]
        words = explain._Words(step["args"], lang)
        expected = phrase(step["args"], words) if callable(phrase) else phrase.format_map(words)
        assert explain.render(step, lang) == expected, step["code"]
        seen += 1
    assert seen > 100


def test_a_code_no_phrase_words_is_said_plainly():
    step = {"code": "no_such_code", "args": {"a": "x", "b": 3}}
    assert explain.render(step, "zh") == "no_such_code: a=x, b=3"


@pytest.mark.parametrize("name", STREAMS)
def test_by_clause_groups_as_a_filter_does(compiled, name):
    report = _report(compiled, name, "zh")
    expected = []
    for c in report["clauses"]:
        n = c["number"]
        obs, evs, rems = ([r for r in report[key] if r["clause"] == n] for key in ("obligations", "events", "remedies"))
        if obs or evs or rems:
            expected.append((c, obs, evs, rems))
    assert by_clause(report) == expected


@pytest.mark.parametrize("text", ["plain 中文 f-0001", "a<b", "x & y", '"q"', "it's", "\x1b[2J", "line\u2028sep",
                                  "\u202eabc", "tab\there", "line\nend", "\x7f", "zero\u200bwidth", "", "<\x00>", 42, None])
def test_html_escape(text):
    # (and a line end or a tab as its escape too: HTML folds both into a space — the fuzzer, round 41)
    assert escape(text) == html_escape(visible(str(text)).replace("\t", "\\u0009").replace("\n", "\\u000a"))


@pytest.mark.parametrize("at,words", [
    (datetime(2025, 7, 1, 10, 41, 26), "2025年7月1日10时41分26秒"),
    (datetime(2025, 7, 1, 10, 0, 0), "2025年7月1日10时"),
    (datetime(2025, 7, 1, 10, 5, 0), "2025年7月1日10时05分"),
    (datetime(2025, 7, 1, 0, 0, 7), "2025年7月1日0时00分07秒"),
])
def test_chinese_instant(at, words):
    assert Moment.of(at.replace(tzinfo=timezone(timedelta(hours=8)))).chinese() == words


def test_chinese_instant_at_24():
    assert Moment.end_of_day(date(2025, 7, 7)).chinese() == "2025年7月7日24时"


@pytest.mark.parametrize("at", [datetime(2025, 7, 2, 17, 13, 23, tzinfo=timezone(timedelta(hours=8))),
                                datetime(2025, 7, 2, 9, 13, 23, tzinfo=timezone.utc),
                                datetime(2025, 7, 2, 16, 0, tzinfo=timezone(timedelta(hours=8)))])
def test_a_datetime_attribute_worded_from_its_value(at):
    x = at.isoformat()
    assert explain._instant_zh(x, at) == Moment.of(datetime.fromisoformat(x)).chinese()
    assert explain._instant_zh(x, None) == Moment.of(datetime.fromisoformat(x)).chinese()


@pytest.mark.parametrize("pretty", [False, True])
def test_rows_written_by_the_row_function_and_a_small_memo(compiled, monkeypatch, pretty):
    lines = (ROOT / "facts" / "full-year.jsonl").read_text(encoding="utf-8").splitlines()
    whole = cli.json_bytes(compiled.evaluate(lines, AT, "f", "utf-8", lang="zh"), pretty) + b"\n"
    trim = explain.Encoder.trim
    monkeypatch.setattr(explain.Encoder, "trim", lambda self, most=2: trim(self, 2))
    ev = compiled.run(compiled.load_facts(lines, "f"), AT)
    target = io.BytesIO()
    cli.write_json(lambda: compiled._described(parts(ev, compiled.sha256, compiled.findings, "zh", bounded=True),
                                               "f", "utf-8"), target, pretty)
    target.write(b"\n")
    assert target.getvalue() == whole


def test_build_and_parts_agree(compiled):
    lines = (ROOT / "facts" / "full-year.jsonl").read_text(encoding="utf-8").splitlines()
    ev = compiled.run(compiled.load_facts(lines, "f"), AT)
    whole = build(ev, compiled.sha256, compiled.findings, "en")
    rows = parts(ev, compiled.sha256, compiled.findings, "en", bounded=True)
    for key in ROWS:
        assert list(rows[key]) == whole[key]


_VALUES = [{"kind": "period", "amount": 2, "unit": "hours"}, {"kind": "period", "amount": 1, "unit": "days"},
           {"kind": "type", "name": "x", "label": "标"}, {"kind": "type", "name": "x", "label": None},
           {"kind": "date", "date": "2025-07-01", "weekday": 1}, {"kind": "money", "amount": "12.50"},
           {"kind": "number", "value": "3.5"}, {"kind": "elapsed", "seconds": 9000}, {"kind": "percent", "value": "5"},
           {"kind": "expression", "text": "a > b", "zh": "甲"}, {"kind": "weird", "x": 1}, {"a": 1}, {},
           {"kind": "fact", "id": "f1", "type": "t", "at": "2025-07-01T10:00:00+08:00", "cn": "2025年7月1日10时",
            "label": "L", "attrs": []},
           {"kind": "instant", "at": "2025-07-01T10:00:00+08:00", "cn": "2025年7月1日10时"},
           {"kind": "day", "date": "2025-07-06", "weekday": 6, "type": "rest", "holiday": None, "holiday_zh": None,
            "source": "chinese-calendar"}]
# (as arg worded them before each kind of value took its own short way: engine of d004b44)
_WORDS = {"zh": ["2小时", "1日", "标（x）", "x", "2025年7月1日（星期二）", "¥12.50", "3.5", "2小时30分钟", "5%", "甲",
                 "{'kind': 'weird', 'x': 1}", "{'a': 1}", "{}", "2025年7月1日10时 L（f1）", "2025年7月1日10时",
                 "2025年7月6日（星期日，休息日）"],
          "en": ["2 hours", "1 day", "x", "x", "Tue 2025-07-01", "¥12.50", "3.5", "2 h 30 min", "5%", "a > b",
                 "{'kind': 'weird', 'x': 1}", "{'a': 1}", "{}", "f1 (t at 2025-07-01T10:00:00+08:00)",
                 "1 July 2025, 10:00 (2025-07-01T10:00:00+08:00)", "2025-07-06 (Sun, rest day)"]}


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_each_kind_of_value_in_words(lang):
    assert [explain.arg(v, lang) for v in _VALUES] == _WORDS[lang]
