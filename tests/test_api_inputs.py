"""`import qiyue`: one call takes a rule file and facts in whatever form a caller has them — a
Path, the text, its lines, fact dicts — and gives the same typed report; anything else is a
clear error (a value, never a raw TypeError)."""
import json
from datetime import date, datetime, timezone
from decimal import Decimal
from pathlib import Path

import pytest

import qiyue

ROOT = Path(__file__).resolve().parent.parent
RULES = ROOT / "rules" / "gzmz-2025-it-ops.qy"
FACTS = ROOT / "facts" / "late-payment.jsonl"
AS_OF = "2025-12-31"


def _same(a: qiyue.Report, b: qiyue.Report):
    strip = lambda r: {k: v for k, v in r.as_dict().items() if k not in ("facts", "rules")}  # (where from)
    assert strip(a) == strip(b)


@pytest.fixture(scope="module")
def compiled():
    return qiyue.compile_file(RULES)


def test_path_text_lines_and_dicts_give_the_same_report(compiled):
    text = FACTS.read_text(encoding="utf-8")
    by_path = qiyue.evaluate(RULES, FACTS, AS_OF)
    assert by_path.as_dict()["facts"]["file"] == str(FACTS)
    for facts in (text, text.splitlines(), [json.loads(line) for line in text.splitlines()]):
        _same(qiyue.evaluate(compiled, facts, AS_OF), by_path)
    _same(qiyue.evaluate(RULES.read_text(encoding="utf-8"), FACTS, AS_OF), by_path)


def test_the_typed_report_reads_as_python_values(compiled):
    report = compiled.report(FACTS, AS_OF)
    assert isinstance(report, qiyue.Report) and report.as_of == datetime(2025, 12, 31, tzinfo=report.as_of.tzinfo)
    (pay1,) = report.obligation("pay_installment_1")
    assert pay1.status == "violated" and pay1.due.isoformat() == "2025-08-05T00:00:00+08:00"
    assert pay1.steps[0].code == "conditions_held" and pay1.because[0].startswith("第2.2(1)条")
    damages = [r for r in report.remedies if r.name == "late_payment_damages"]
    assert all(isinstance(r.amount, Decimal) for r in damages)
    assert report.as_dict() == compiled.evaluate(FACTS.read_text(encoding="utf-8").splitlines(), AS_OF,
                                                 str(FACTS), "UTF-8")


@pytest.mark.parametrize("as_of", ["2025-12-31", date(2025, 12, 31), datetime(2025, 12, 30, 16, tzinfo=timezone.utc),
                                   "2025-12-31T00:00:00+08:00"])
def test_as_of_as_text_date_or_aware_datetime(compiled, as_of):
    assert compiled.report(FACTS, as_of).as_of.isoformat() == "2025-12-31T00:00:00+08:00"


@pytest.mark.parametrize("call,code", [
    (lambda c: c.report(FACTS, 20251231), "bad_as_of"),
    (lambda c: c.report(42, AS_OF), "bad_input"),
    (lambda c: c.report([1, 2], AS_OF), "bad_input"),
    (lambda c: c.report("facts/late-payment.jsonl", AS_OF), "bad_input"),
    (lambda c: qiyue.evaluate("rules/gzmz-2025-it-ops.qy", FACTS, AS_OF), "bad_input"),
    (lambda c: qiyue.evaluate(None, FACTS, AS_OF), "bad_input"),
    (lambda c: c.report(FACTS, AS_OF, lang="fr"), "bad_lang"),
])
def test_anything_else_is_a_clear_error(compiled, call, code):
    with pytest.raises(qiyue.QiyueError) as exc:
        call(compiled)
    d = exc.value.diagnostics[0]
    assert d.code == code and d.text("zh") and d.text("en")


def test_the_public_names():
    assert set(qiyue.__all__) >= {"compile_file", "compile_rules", "evaluate", "Report", "QiyueError", "__version__"}
    assert all(hasattr(qiyue, n) for n in qiyue.__all__)


def test_rule_text_with_carriage_returns_reads_as_lines():
    text = RULES.read_text(encoding="utf-8")
    for ending in ("\r\n", "\r"):
        compiled = qiyue.compile_rules(text.replace("\n", ending), "x.qy")
        assert set(compiled.checked.parties) == {"甲方", "乙方"}  # (a CR-only file once lost what followed a comment)
        assert len(compiled.checked.obligations) == len(qiyue.compile_rules(text, "x.qy").checked.obligations)


def test_a_device_or_a_pipe_is_refused_before_it_is_read(tmp_path):
    import os

    fifo = tmp_path / "facts.fifo"
    os.mkfifo(fifo)
    for call in (lambda: qiyue.compile_file(Path("/dev/zero")), lambda: qiyue.evaluate(RULES, fifo, AS_OF)):
        with pytest.raises(qiyue.QiyueError) as exc:
            call()
        assert exc.value.diagnostics[0].code == "unreadable_file"
        assert "不是普通文件" in exc.value.diagnostics[0].text("zh")


def test_a_fact_dict_that_cannot_be_written_as_json_is_refused(compiled):
    with pytest.raises(qiyue.QiyueError) as exc:
        compiled.report([{"id": "x", "type": "staff_onsite", "at": "2025-07-01", "count": 10 ** 5000}], AS_OF)
    d = exc.value.diagnostics[0]  # (which fact, which attribute: fuzz round 27)
    assert d.code == "unwritable_fact" and d.args == {"n": 1, "id": "x", "name": "count"}


def test_duties_that_set_each_other_off_for_ever_stop_with_a_diagnostic():
    import sys

    sys.path.insert(0, str(ROOT / "tests"))
    from test_messages_catalogue import CYCLE

    facts = ['{"id": "d1", "type": "delivered", "at": "2026-03-03T10:00:00+08:00", "qty": 1}',
             '{"id": "p1", "type": "paid", "at": "2026-03-04T10:00:00+08:00", "amount": "2000.00"}']
    with pytest.raises(qiyue.QiyueError) as exc:
        qiyue.compile_rules(CYCLE, "t.qy").evaluate(facts, "2026-04-01")
    assert exc.value.diagnostics[0].key == "too_deep.cascade"


def test_a_file_name_of_another_kind_is_refused_in_words():
    with pytest.raises(qiyue.QiyueError) as exc:
        qiyue.compile_file(None)
    assert exc.value.diagnostics[0].code == "bad_input"


def test_what_the_long_fuzz_run_found_in_facts(compiled):
    # a lone surrogate character in a fact line (not the JSON escape): a diagnostic, not a UnicodeEncodeError
    sign = '{"id": "c", "type": "contract_signed", "at": "2025-06-27T10:00:00+08:00"}'
    with pytest.raises(qiyue.QiyueError) as exc:
        compiled.evaluate([sign, '{"id": "s", "type": "staff_onsite", "at": "2025-07-01", "count": 1, "x": "\ud800"}'],
                          AS_OF)
    assert exc.value.diagnostics[0].key == "bad_fact.surrogate"
    # a count of 4,000 digits summed with another would make a number no report can write: refused at once
    with pytest.raises(qiyue.QiyueError) as exc:
        compiled.evaluate([sign, '{"id": "s", "type": "staff_onsite", "at": "2025-07-01", "count": %s}' % ("9" * 40)],
                          AS_OF)
    assert exc.value.diagnostics[0].code == "bad_attribute"


# --------------------------------------------------------------------------- names and other arguments
# (issue 10, fuzz api:2683 of seed 1: `RULES.evaluate(FACTS, AS_OF, b'x')` gave a report holding the bytes,
# which json.dumps then refused; a facts path is a str or a Path, anything else a clear QiyueError)

LINES = FACTS.read_text(encoding="utf-8").splitlines()


def _refused(call, code="bad_input"):
    with pytest.raises(qiyue.QiyueError) as exc:
        call()
    (d,) = exc.value.diagnostics
    assert d.code == code, d.text("en")
    assert d.text("zh") and d.text("en") and json.dumps(d.as_json("zh"), ensure_ascii=False)
    return d


def test_the_fuzz_case_a_facts_path_of_bytes(compiled):
    d = _refused(lambda: compiled.evaluate(LINES, AS_OF, b"x", 0, lang="zh"))
    assert d.text("en") == "facts_path must be a file name (a str or a pathlib.Path), to name places, not bytes"
    assert d.text("zh") == "facts_path 须为文件名（str 或 pathlib.Path），用于在消息中指明位置，而不是 bytes"


def test_a_facts_path_may_be_a_str_or_a_path_and_the_report_is_json(compiled):
    for name in ("f.jsonl", Path("f.jsonl")):
        report = compiled.evaluate(LINES, AS_OF, name, "UTF-8")
        assert report["facts"] == {"file": "f.jsonl", "encoding": "UTF-8"}
        json.dumps(report, ensure_ascii=False)


@pytest.mark.parametrize("name", [b"x", 0, None, 1.5, ["f.jsonl"], object()], ids=repr)
def test_a_facts_path_of_any_other_kind_is_refused(compiled, name):
    d = _refused(lambda: compiled.evaluate(LINES, AS_OF, name))
    assert d.args["what"] == "facts_path" and d.args["given"] == type(name).__name__
    # the same in load_facts, where the name is where a bad line is placed
    d = _refused(lambda: compiled.load_facts(["{"], name))
    assert d.args["what"] == "path"


@pytest.mark.parametrize("encoding", [0, b"utf-8", ["utf-8"]], ids=repr)
def test_a_facts_encoding_is_a_str_or_none(compiled, encoding):
    d = _refused(lambda: compiled.evaluate(LINES, AS_OF, "f.jsonl", encoding))
    assert d.args["what"] == "facts_encoding"


@pytest.mark.parametrize("lang", [b"zh", ["zh"], None, 0], ids=repr)
def test_a_lang_that_is_no_text_is_bad_input_and_a_text_not_zh_or_en_bad_lang(compiled, lang):
    d = _refused(lambda: compiled.report(LINES, AS_OF, lang=lang))
    assert d.args["what"] == "lang" and d.text("en").endswith(f"not {type(lang).__name__}")
    _refused(lambda: compiled.report(LINES, AS_OF, lang="fr"), "bad_lang")


@pytest.mark.parametrize("facts", [LINES, None, 5, [None], "x"], ids=["lines", "None", "int", "[None]", "text"])
def test_run_takes_the_facts_load_facts_gives(compiled, facts):
    d = _refused(lambda: compiled.run(facts, AS_OF))
    assert d.args["what"] == "facts"
    assert compiled.run(compiled.load_facts(LINES), AS_OF).instances  # (what it takes)


@pytest.mark.parametrize("base_dir", [b"rules", 0, ["rules"]], ids=repr)
def test_a_base_dir_is_a_str_or_a_path(base_dir):
    text = RULES.read_text(encoding="utf-8")
    d = _refused(lambda: qiyue.compile_rules(text, "x.qy", base_dir))
    assert d.args["what"] == "base_dir"
    # (a calendar file named from it was a raw TypeError: Path(b"rules") / "cal.toml")
    _refused(lambda: qiyue.compile_rules(text.replace("calendar official", 'calendar file "cal.toml"'), "x.qy",
                                         base_dir))


def test_assumptions_cannot_be_changed_on_compiled_rules(compiled):
    """They were silently ignored: the report then read as if the what-if had been applied."""
    d = _refused(lambda: qiyue.evaluate(compiled, FACTS, AS_OF, assume={"payment_term": "45 days"}))
    assert d.key == "bad_input.assume_compiled" and "compile_file(…, assume=…)" in d.hint_text("en")
    _refused(lambda: qiyue.evaluate(compiled, FACTS, AS_OF, assume="payment_term=45 days"))
    qiyue.evaluate(compiled, FACTS, AS_OF, assume={})  # (nothing to change)


ODD = [b"x", 0, None, 1.5, object(), ["x"], {"x": 1}]


@pytest.mark.parametrize("odd", ODD, ids=lambda v: type(v).__name__)
def test_any_argument_of_an_odd_type_gives_a_diagnostic_or_a_json_report(compiled, odd):
    """Every public call with one argument replaced by a value of a type it does not document: a
    QiyueError whose diagnostics render and serialise, or a report json.dumps writes — never another
    exception, never bytes or an object in the report."""
    text = RULES.read_text(encoding="utf-8")
    calls = [lambda: compiled.evaluate(odd, AS_OF), lambda: compiled.evaluate(LINES, odd),
             lambda: compiled.evaluate(LINES, AS_OF, odd), lambda: compiled.evaluate(LINES, AS_OF, "f", odd),
             lambda: compiled.evaluate(LINES, AS_OF, lang=odd), lambda: compiled.report(odd, AS_OF),
             lambda: compiled.report(FACTS, odd), lambda: compiled.report(FACTS, AS_OF, lang=odd),
             lambda: compiled.load_facts(odd), lambda: compiled.load_facts(LINES, odd), lambda: compiled.run(odd, AS_OF),
             lambda: qiyue.evaluate(odd, FACTS, AS_OF), lambda: qiyue.evaluate(compiled, odd, AS_OF),
             lambda: qiyue.evaluate(compiled, FACTS, odd), lambda: qiyue.evaluate(compiled, FACTS, AS_OF, lang=odd),
             lambda: qiyue.evaluate(compiled, FACTS, AS_OF, assume=odd), lambda: qiyue.compile_rules(odd),
             lambda: qiyue.compile_rules(text, odd), lambda: qiyue.compile_rules(text, "x.qy", odd),
             lambda: qiyue.compile_rules(text, "x.qy", assume=odd), lambda: qiyue.compile_file(odd),
             lambda: qiyue.compile_file(RULES, assume=odd), lambda: qiyue.parse_as_of(odd)]
    for i, call in enumerate(calls):
        try:
            result = call()
        except qiyue.QiyueError as exc:
            for d in exc.diagnostics:
                assert d.text("zh") and d.text("en"), i
                json.dumps(d.as_json("en"), ensure_ascii=False)
            continue
        if isinstance(result, qiyue.Report):
            result = result.as_dict()
        if isinstance(result, dict):
            json.dumps(result, ensure_ascii=False, default=lambda v: v.isoformat())  # (Report.as_dict: datetimes)
