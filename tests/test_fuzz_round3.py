"""A fuzzer's third round (2026-12-03): each finding, as the fix should keep it."""
import json
import textwrap

import pytest

from engine.api import compile_rules, parse_as_of
from engine.diagnostics import QiyueError

HEAD = textwrap.dedent('''\
    contract "F-3" "测试" { calendar official }
    party 甲方 "买方" as buyer
    party 乙方 "卖方" as supplier
    event incident "事故"
    event reported "报告"
    clause "1" "x" {
      obligation report "报告" {
        debtor 乙方
        creditor 甲方
        for each incident i
        fulfilled by reported r
        within 2 hours
      }
    }
    ''')


def facts(*pairs):
    return [json.dumps({"id": f"f{k}", "type": t, "at": at}) for k, (t, at) in enumerate(pairs)]


def refusal(lines, as_of="2026-03-11"):
    with pytest.raises(QiyueError) as exc:
        compile_rules(HEAD, "f.qy").evaluate(lines, as_of)
    (d,) = exc.value.diagnostics
    return d


def test_a_time_finer_than_a_microsecond_is_refused_not_cut():
    """11:00:00.000000900 is 900 ns after a 2-hour deadline ending at 11:00: cut to 11:00:00 it was in time."""
    d = refusal(facts(("incident", "2026-03-10T09:00:00+08:00"), ("reported", "2026-03-10T11:00:00.000000900+08:00")))
    assert d.code == "bad_time" and d.span.line == 2 and "6 位" in d.text("zh") and "microsecond" in d.text("en")
    report = compile_rules(HEAD, "f.qy").evaluate(
        facts(("incident", "2026-03-10T09:00:00+08:00"), ("reported", "2026-03-10T11:00:00.000001+08:00")), "2026-03-11")
    assert [o["status"] for o in report["obligations"]] == ["violated"]
    with pytest.raises(QiyueError):
        parse_as_of("2025-07-01T10:00:00.123456789")


@pytest.mark.parametrize("at,key", [
    ("2025-W26-5T10:00:00+08:00", "not_time"),  # an ISO week date: was echoed as the report's instant
    ("2025-06-27T100000.5+08:00", "not_time"),  # the basic form
    ("2025-06-27X10:00:00+08:00", "not_time"),  # any one character between date and time
    ("2025-06-27T10:00:00+08:00:30", "offset_seconds"),  # was read as 09:59:30
    ("2025-06-30T23:59:60+08:00", "leap_second"),
])
def test_forms_of_an_instant_that_are_refused_with_why(at, key):
    d = refusal(facts(("incident", at)))
    assert d.code == "bad_time" and d.args["problem"].key == f"word:time.{key}"


@pytest.mark.parametrize("at,iso", [
    ("2025-06-27T10:00:00Z", "2025-06-27T18:00:00+08:00"),
    ("2025-06-27 10:00", "2025-06-27T10:00:00+08:00"),
    ("2025-06-27T10:00:00+0800", "2025-06-27T10:00:00+08:00"),
    ("2025-06-27T10:00:00.5-05:00", "2025-06-27T23:00:00.500000+08:00"),
])
def test_the_forms_of_an_instant_that_are_read(at, iso):
    report = compile_rules(HEAD, "f.qy").evaluate(facts(("incident", at)), "2025-07-01")
    assert [o["triggered_at"] for o in report["obligations"]] == [iso]
