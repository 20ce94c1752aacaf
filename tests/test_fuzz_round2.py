"""A fuzzer's second round (2026-12-03): each finding, as the fix should keep it.  Money past what is computed is
refused by check; a division by zero names its rule, in eval and in verify; control characters never reach the
HTML page raw; a status that is none is refused; offsets no place keeps and 24:00 are refused with why; an id of
spaces alone is refused; a misspelt aggregate gets a did-you-mean; a fact's wrong value is quoted as JSON wrote it."""
import json
import textwrap

import pytest

from engine.api import compile_rules
from engine.diagnostics import QiyueError

HEAD = textwrap.dedent('''\
    contract "F-2" "测试" { calendar official }
    party 甲方 "买方" as buyer
    party 乙方 "卖方" as supplier
    event inv "发票" { amount: money note: text optional }
    ''')


def rules(body: str):
    return compile_rules(HEAD + textwrap.dedent(body), "f.qy")


def errors(fn):
    with pytest.raises(QiyueError) as exc:
        fn()
    return exc.value.diagnostics


@pytest.mark.parametrize("where", ['param pm = ¥999,999,999,999,999,999,999.99\n',
                                   'clause "1" "x" { remedy r "r" { holder 乙方 for each inv i '
                                   'amount ¥9,999,999,999,999,999,999.00 } }\n'])
def test_an_amount_past_what_is_computed_is_refused_by_check(where):
    (d,) = errors(lambda: rules(where))
    assert d.code == "amount_out_of_range" and d.span.line == 5


DIVIDES = '''\
    clause "1" "x" {
      obligation pay "付款" { debtor 甲方 creditor 乙方
        for each inv i where ¥10.00 ÷ (i.amount - ¥1.00) > 1
        fulfilled by inv j where j.amount > i.amount within 5 days }
    }
    '''


def test_a_division_by_zero_in_a_condition_names_its_rule_and_says_divisors():
    (d,) = errors(lambda: rules(DIVIDES).evaluate(
        ['{"id": "i", "type": "inv", "at": "2026-03-02T10:00:00+08:00", "amount": "1.00"}'], "2026-04-01"))
    assert d.code == "out_of_range" and d.span is not None and d.span.line == 6 and d.clause == "1"
    assert "除数为零" in d.text("zh") and d.hint_key == "hint:division_by_zero.fact"


def test_a_property_that_divides_by_zero_makes_streams_unevaluable_in_verify_not_a_traceback():
    from engine.verify.search import verify
    compiled = rules(DIVIDES.replace("    }\n", "      property dv \"dv\" { for each inv p holds p.amount ÷ (p.amount - p.amount) > 1 }\n    }\n"))
    (o,) = verify(compiled, examples=20, seed=1).outcomes
    assert not o.held and o.counterexample is None and o.error.diagnostics[0].code == "out_of_range"


def test_the_html_page_escapes_control_characters_of_facts():
    from engine.report.html import render_html
    compiled = rules('clause "1" "x" { remedy r "r" { holder 乙方 for each inv i amount i.amount } }\n')
    report = compiled.evaluate([json.dumps({"id": "i\u0000x", "type": "inv", "at": "2026-03-02T10:00:00+08:00",
                                            "amount": "1.00", "note": "a\u0000b\u001b[31m"})], "2026-04-01")
    page = render_html(report)
    assert "\u0000" not in page and "\u001b" not in page and "\\u0000" in page


def test_with_status_refuses_a_status_that_is_none():
    import qiyue
    report = qiyue.evaluate(rules(DIVIDES), [], "2026-04-01")
    assert report.with_status() == [] and report.with_status("violated") == []
    (d,) = errors(lambda: report.with_status("violatd"))
    assert d.key == "bad_argument.status" and "violatd" in d.text("zh")


@pytest.mark.parametrize("at,key", [("2026-03-02T10:00:00+15:00", "offset"), ("2026-03-02T10:00:00-12:01", "offset"),
                                    ("2026-03-02T24:00:00+08:00", "hour_24"), ("2026-03-02T24:00", "hour_24")])
def test_times_no_place_keeps_and_24_00_are_refused_with_why(at, key):
    (d,) = errors(lambda: rules("").load_facts([json.dumps({"id": "i", "type": "inv", "at": at, "amount": "1.00"})]))
    assert d.code == "bad_time" and d.span.column == 28  # (at the "at" key)
    text = d.text("zh")
    assert ("时区偏移不存在" in text) if key == "offset" else ("不写 24:00" in text and "23:59:59" in text)


def test_the_edges_of_offsets_are_kept():
    compiled = rules("")
    for at in ("2026-03-02T10:00:00+14:00", "2026-03-02T10:00:00-12:00"):
        (e,) = compiled.load_facts([json.dumps({"id": "i", "type": "inv", "at": at, "amount": "1.00"})])
        assert e.moment.at.utcoffset().total_seconds() == 8 * 3600


def test_an_id_of_spaces_alone_is_refused():
    (d,) = errors(lambda: rules("").load_facts(['{"id": "  ", "type": "inv", "at": "2026-03-02T10:00:00+08:00", '
                                                '"amount": "1.00"}']))
    assert d.key == "bad_fact.id"


@pytest.mark.parametrize("written,meant", [("exsits(inv i where i.amount > ¥1.00)", "exists"),
                                           ("exsits(inv)", "exists"), ("cuont(inv i) > 1", "count")])
def test_a_misspelt_aggregate_gets_a_did_you_mean(written, meant):
    body = DIVIDES.replace("for each inv i where ¥10.00 ÷ (i.amount - ¥1.00) > 1", f"when {written}") \
                  .replace("j.amount > i.amount", "j.amount > ¥1.00")
    (d,) = errors(lambda: rules(body))
    assert d.did_you_mean == meant or meant in (d.did_you_mean or [])


@pytest.mark.parametrize("value,shown", [('{"a": 1}', '{"a": 1}'), ('"x"', '"x"'), ("true", "true"), ("null", "null")])
def test_a_wrong_value_is_quoted_as_the_json_line_wrote_it(value, shown):
    (d,) = errors(lambda: rules("").load_facts(['{"id": "i", "type": "inv", "at": "2026-03-02T10:00:00+08:00", '
                                                f'"amount": {value}}}']))
    assert f"取值 {shown} 有误" in d.text("zh") and f"= {shown}:" in d.text("en")
    assert "True" not in d.text("zh") and "None" not in d.text("zh")


def test_qiyue_testing_says_what_is_wrong_with_its_arguments():
    from qiyue.testing import fact_streams, facts
    compiled = rules(DIVIDES)
    for bad in (None, "rules/x.qy"):
        with pytest.raises(TypeError, match="compiled rules"):
            fact_streams(bad)
    for call, code in ((lambda: fact_streams(compiled, types=["invv"]), "unknown_name"),
                       (lambda: fact_streams(compiled, aim=["payy"]), "unknown_name"),
                       (lambda: facts(compiled, "nope"), "unknown_name")):
        (d,) = errors(call)
        assert d.code == code
    assert errors(lambda: fact_streams(compiled, types=["invv"]))[0].did_you_mean == "inv"
    for call in (lambda: fact_streams(compiled, types="inv"), lambda: fact_streams(compiled, max_facts=0)):
        with pytest.raises(TypeError):
            call()
    fact_streams(compiled, types=["inv"], aim=["pay"])  # (names it has: fine)


def test_drawn_facts_honour_a_requirement_on_a_defaulted_attribute():
    """A reviewer: `require memo when local` with `local: bool default true` — a fact drawn without `local` takes
    its default, so it needs a memo: the strategies drew none, and the loader refused 18 streams in 200."""
    from hypothesis import HealthCheck, given, settings
    from qiyue.testing import fact_streams, report_of
    compiled = compile_rules(textwrap.dedent('''\
        contract "X" { calendar official }
        party 甲方 "a" as buyer
        party 乙方 "b" as supplier
        event leak "l"
        event notice "n" { local: bool default true  memo: text optional  require memo when local }
        clause "1" "c" { obligation o "o" { debtor 乙方 creditor 甲方 for each notice n fulfilled by leak l within 1 days } }
        '''), "x.qy")

    @settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
    @given(fact_streams(compiled))
    def loads(stream):
        report_of(compiled, stream)  # (a refused stream raises QiyueError)
    loads()


def test_a_remedy_accrued_past_what_an_amount_may_be_is_an_error_naming_it():
    compiled = rules('clause "1" "x" { remedy r "r" { holder 乙方 for each inv i amount ¥999,999,999,999,999.00 per day } }\n')
    (d,) = errors(lambda: compiled.evaluate(['{"id": "i", "type": "inv", "at": "2025-06-27T10:00:00+08:00", '
                                            '"amount": "1.00"}'], "2025-09-01"))
    assert d.key == "amount_out_of_range.accrued" and d.args["name"] == "r" and d.span.line == 5
