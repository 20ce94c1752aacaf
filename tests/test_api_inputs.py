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
    assert exc.value.diagnostics[0].code == "bad_input"


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
