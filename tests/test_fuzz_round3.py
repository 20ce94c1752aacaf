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


import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = str(ROOT / "rules" / "gzmz-2025-it-ops.qy")
LATE = str(ROOT / "facts" / "late-payment.jsonl")


def cli(*args, stdin=None, env=None):
    import os
    return subprocess.run([sys.executable, "-m", "engine.cli", *args], capture_output=True, input=stdin, cwd=ROOT,
                          env={**os.environ, **(env or {})})


@pytest.mark.parametrize("args", [
    ["--format", "json", "--format", "text"],
    ["--lang", "en", "--lang", "zh"],
    ["--backend", "reference", "--backend", "durable"],
    ["--assume", 'payment_term=30 days', "--assume", 'payment_term=40 days'],
])
def test_an_option_given_twice_is_a_usage_error_not_the_last_silently(args):
    r = cli("eval", SEED, "--facts", LATE, "--as-of", "2025-12-01", *args)
    assert r.returncode == 2 and "只能写一次" in r.stderr.decode()


def test_fail_on_given_twice_fails_on_either():
    # a CI gate told `violated` and then `undetermined` exited 0 on a violation (the last alone was kept)
    r = cli("eval", SEED, "--facts", LATE, "--as-of", "2025-12-01", "--fail-on", "violated", "--fail-on", "undetermined")
    assert r.returncode == 3


def test_standard_input_is_decoded_as_a_file_is():
    # a UTF-8 stream read on a GBK console (Chinese Windows) was mojibake; invalid UTF-8 under a strict UTF-8
    # locale was a traceback
    data = Path(LATE).read_bytes()
    r = cli("eval", SEED, "--facts", "-", "--as-of", "2025-12-01", "--format", "json", stdin=data,
            env={"PYTHONIOENCODING": "gbk"})
    assert r.returncode == 0 and json.loads(r.stdout)["obligations"]
    bad = data.split(b"\n")[0] + b"\n" + b'{"id": "x\xed\xa0\x80", "type": "contract_signed"}\n'
    r = cli("eval", SEED, "--facts", "-", "--as-of", "2025-12-01", stdin=bad, env={"PYTHONIOENCODING": "utf-8:strict"})
    assert r.returncode == 1 and b"Traceback" not in r.stderr and "<stdin>:2:" in r.stderr.decode()


def test_a_file_mixing_utf8_and_gbk_is_refused_naming_the_line(tmp_path):
    # UTF-8 lines and one appended by a GBK tool: read as GB18030 the UTF-8 Chinese became mojibake, silently
    lines = Path(LATE).read_text(encoding="utf-8").splitlines() + [json.dumps(
        {"id": "t", "type": "termination_notified", "at": "2025-10-20T10:00:00+08:00", "party": "乙方",
         "ground": "late_payment"}, ensure_ascii=False)]
    f = tmp_path / "mixed.jsonl"
    f.write_bytes(("\n".join(lines) + "\n").encode("utf-8")
                  + json.dumps({"id": "z", "type": "data_leak_discovered", "at": "2025-11-01T10:00:00+08:00",
                                "cause": "supplier", "note": "主板故障"}, ensure_ascii=False).encode("gbk") + b"\n")
    r = cli("eval", SEED, "--facts", str(f), "--as-of", "2025-12-01")
    err = r.stderr.decode()
    assert r.returncode == 1 and f"mixed.jsonl:{len(lines) + 1}:" in err and "混用了两种编码" in err
    # a file in GBK throughout is read as GB18030, as before
    g = tmp_path / "gbk.jsonl"
    g.write_bytes("\n".join(lines).encode("gbk"))
    r = cli("eval", SEED, "--facts", str(g), "--as-of", "2025-12-01", "--format", "json")
    assert r.returncode == 0 and json.loads(r.stdout)["facts"]["encoding"] == "GB18030"


def test_host_messages_quote_what_was_given():
    """A fuzzer: `feed("abc")` said it must be a contract's name (a str), not str; `processes="2"` said not 2."""
    from engine.live.shards import Host
    with pytest.raises(QiyueError) as exc:
        Host(SEED, processes="2")
    assert "'2'" in exc.value.diagnostics[0].text("zh")
    with Host(SEED, processes=1) as host:
        with pytest.raises(QiyueError) as exc:
            host.feed("abc")
        text = exc.value.diagnostics[0].text("en")
        assert "pairs" in text and "'abc'" in text
        with pytest.raises(QiyueError) as exc:
            host.feed([("c", "{}", 3)])
        assert "pair" in exc.value.diagnostics[0].text("en")


def test_facts_from_a_pipe_named_as_a_file_point_to_standard_input():
    r = cli("eval", SEED, "--facts", "/dev/stdin", "--as-of", "2026-01-01", stdin=b"{}\n")
    assert r.returncode == 1 and "--facts -" in r.stderr.decode()


@pytest.mark.parametrize("at,iso", [
    ("2026-03-02T09:00:00.0000000+08:00", "2026-03-02T09:00:00+08:00"),  # .NET's round trip: nothing past the 6th
    ("2026-03-02T09:00:00.500000000Z", "2026-03-02T17:00:00.500000+08:00"),
    ("2026-03-02t09:00:00+08:00", "2026-03-02T09:00:00+08:00"),  # RFC 3339's lower case
    ("2026-03-02T09:00:00z", "2026-03-02T17:00:00+08:00"),
    ("2026-03-02T09:00:00,5+08:00", "2026-03-02T09:00:00.500000+08:00"),  # ISO's decimal comma
    ("2026-03-02T09", "2026-03-02T09:00:00+08:00"),  # an hour alone
])
def test_forms_that_lose_nothing_are_still_read(at, iso):
    """A reviewer: the stricter reading refused forms that lose nothing (the first version of this round)."""
    report = compile_rules(HEAD, "f.qy").evaluate(facts(("incident", at)), "2026-03-03")
    assert [o["triggered_at"] for o in report["obligations"]] == [iso]


def test_a_gbk_file_whose_chinese_reads_as_utf8_by_chance_is_read_as_gbk(tmp_path):
    """A reviewer: 通知 in GBK is valid UTF-8 (֪ͨ, not Chinese): a pure GBK file was refused as mixing encodings."""
    text = HEAD.replace('event incident "事故"', 'event incident "通知"')
    f = tmp_path / "gbk.qy"
    f.write_bytes(text.encode("gbk"))
    r = cli("check", str(f))
    assert r.returncode == 0, r.stderr.decode()
