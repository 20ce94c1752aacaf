"""Many instants in one replay (issue 13, part 4): ``CompiledRules.evaluate_many(lines, [as_of, …])``
and ``qiyue eval --as-of A,B,C`` give, for each instant, exactly the report a separate evaluation at
that instant gives — the state at an earlier instant reported as if the replay stopped there
(a deadline not yet passed is not violated, a condition not yet met waits, an hours period ending
at the instant itself is still in time)."""
import json
import subprocess
import sys
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

import qiyue
from engine.api import compile_file
from engine.diagnostics import QiyueError
from engine.time.timecalc import CONTRACT_TZ
from test_examples_golden import CASES as EXAMPLE_CASES
from test_golden import CASES

ROOT = Path(__file__).resolve().parent.parent
RULES = ROOT / "rules" / "gzmz-2025-it-ops.qy"
FACTS = ROOT / "facts"
GOLDEN_INSTANTS = sorted({c.as_of for c in CASES})
# the streams the seed rules read (a stream they refuse has no report to compare)
STREAMS = sorted({c.stream for c in CASES if not c.refused})


def month_ends(first: date, last: date) -> list[str]:
    """The 00:00 after each month's last day (the month's 24:00) from ``first`` to ``last``."""
    out, y, m = [], first.year, first.month
    while date(y, m, 1) <= last:
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
        out.append(f"{y:04d}-{m:02d}-01T00:00:00+08:00")
    return out


MONTH_ENDS = month_ends(date(2025, 5, 1), date(2026, 12, 31))


def lines_of(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines()


def fact_instants(lines: list[str]) -> list[str]:
    """Each fact's own instant and a second either side of it (a stop at a fact's instant reports it)."""
    out = []
    for line in lines:
        if not line.strip():
            continue
        at = datetime.fromisoformat(json.loads(line)["at"])
        if at.tzinfo is None:
            at = at.replace(tzinfo=CONTRACT_TZ)
        out += [at - timedelta(seconds=1), at, at + timedelta(seconds=1)]
    return [a.isoformat() for a in out]


def assert_same(rules, lines, instants, name="<facts>"):
    many = rules.evaluate_many(lines, instants, name)
    assert len(many) == len(instants)
    for at, report in zip(instants, many):
        alone = rules.evaluate(lines, at, name)
        assert report == alone, f"the report at {at} differs from a separate evaluation"


@pytest.mark.parametrize("name", STREAMS)
def test_seed_scenarios_at_golden_instants_and_month_ends(seed, name):
    lines = lines_of(FACTS / f"{name}.jsonl")
    assert_same(seed, lines, [*GOLDEN_INSTANTS, *MONTH_ENDS], f"{name}.jsonl")


@pytest.mark.parametrize("name", STREAMS)
def test_seed_scenarios_at_and_around_every_fact(seed, name):
    lines = lines_of(FACTS / f"{name}.jsonl")
    assert_same(seed, lines, fact_instants(lines))


@pytest.mark.parametrize("name,rules,as_of", EXAMPLE_CASES, ids=[c[0] for c in EXAMPLE_CASES])
def test_example_contracts_with_recurring_duties(name, rules, as_of):
    compiled = compile_file(ROOT / "rules" / "examples" / rules)
    lines = lines_of(FACTS / "examples" / f"{name}.jsonl")
    assert_same(compiled, lines, [as_of, *month_ends(date(2025, 12, 1), date(2027, 1, 31)),
                                  *fact_instants(lines)[::5]])


SCENARIOS = STREAMS
START = datetime(2025, 6, 1, tzinfo=CONTRACT_TZ)
SPAN = int((datetime(2027, 1, 1, tzinfo=CONTRACT_TZ) - START).total_seconds())


@st.composite
def instants(draw):
    """Instants anywhere over the contract's year and a half, at the edges of a day and at a fact's
    own second (or just before or after it) as often as anywhere."""
    name = draw(st.sampled_from(SCENARIOS))
    lines = lines_of(FACTS / f"{name}.jsonl")
    near = fact_instants(lines)
    one = st.one_of(
        st.integers(0, SPAN).map(lambda s: (START + timedelta(seconds=s)).isoformat()),
        st.integers(0, SPAN // 86400).map(lambda d: (START + timedelta(days=d)).date().isoformat()),
        st.sampled_from(near))
    return name, lines, draw(st.lists(one, min_size=1, max_size=6))


@settings(max_examples=60, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(instants())
def test_random_instants_give_the_reports_of_separate_evaluations(case):
    name, lines, ats = case
    assert_same(SEED, lines, ats, f"{name}.jsonl")


SEED = compile_file(RULES)


def test_typed_reports_and_the_one_call():
    lines = lines_of(FACTS / "late-payment.jsonl")
    reports = qiyue.evaluate_many(RULES, lines, ["2025-10-31", date(2025, 12, 31)], lang="en")
    assert [r.as_of for r in reports] == [datetime(2025, 10, 31, tzinfo=CONTRACT_TZ),
                                           datetime(2025, 12, 31, tzinfo=CONTRACT_TZ)]
    assert reports[1].as_dict() == SEED.evaluate(lines, "2025-12-31", lang="en")
    assert "evaluate_many" in qiyue.__all__


def test_the_same_instant_twice_and_out_of_order():
    lines = lines_of(FACTS / "late-payment.jsonl")
    a, b, c = SEED.evaluate_many(lines, ["2025-12-31", "2025-10-01", "2025-12-31T00:00:00+08:00"])
    assert a == c and a is not c and a["as_of"] == "2025-12-31T00:00:00+08:00"
    assert b == SEED.evaluate(lines, "2025-10-01")
    assert [at.isoformat() for at, _ in SEED.iter_reports(lines, ["2025-12-31", "2025-10-01", "2025-12-31"])] == \
        ["2025-10-01T00:00:00+08:00", "2025-12-31T00:00:00+08:00"]


def test_no_facts_and_instants_before_the_first_fact():
    assert_same(SEED, [], ["2025-01-01", "2026-01-01"])
    lines = lines_of(FACTS / "full-year.jsonl")
    assert_same(SEED, lines, ["2024-12-31", "2025-06-27T09:59:59+08:00", "2025-07-31"])


def test_what_a_pause_adds_is_taken_back():
    """A stop's own additions — the warning that the contract is not in force yet, what untriggered
    duties wait for — belong to its report alone."""
    lines = ['{"id": "s0", "type": "staff_onsite", "at": "2025-06-01T09:00:00+08:00", "count": 1}',
             *lines_of(FACTS / "full-year.jsonl")]
    before, after = SEED.evaluate_many(lines, ["2025-06-02", "2025-07-31"])
    assert [f["code"] for f in before["findings"]].count("contract_not_in_force") == 1
    assert "contract_not_in_force" not in [f["code"] for f in after["findings"]]
    assert_same(SEED, lines, ["2025-06-02", "2025-06-27T10:00:00+08:00", "2025-07-31"])


@pytest.mark.parametrize("bad,which,n", [
    (["2025-12-31", "yesterday"], "yesterday", 2),
    (["2025-02-30", "2025-12-31"], "2025-02-30", 1),
    ([date(2025, 1, 1), 3.5], "float", 2),
    (["2025-01-01", date(9999, 12, 31)], "9999", 2),
])
def test_a_bad_instant_is_named_by_its_place(bad, which, n):
    with pytest.raises(QiyueError) as exc:
        SEED.evaluate_many([], bad)
    d = exc.value.diagnostics[0]
    assert d.code == "bad_as_of" and d.key == "bad_as_of.which" and d.expected
    assert which in d.text("en") and f"instant {n} of {len(bad)}" in d.text("en")
    assert f"第 {n} 个（共 {len(bad)} 个）" in d.text("zh")


@pytest.mark.parametrize("bad", ["2025-12-31", [], {"a": 1}, 20251231])
def test_instants_must_be_a_list(bad):
    with pytest.raises(QiyueError) as exc:
        SEED.evaluate_many([], bad)
    assert exc.value.diagnostics[0].code == "bad_input"


def qiyue_cli(*args):
    return subprocess.run([sys.executable, "-m", "engine.cli", *args], capture_output=True, text=True, cwd=ROOT)


def test_cli_json_is_an_object_of_reports_keyed_by_instant(tmp_path):
    facts = FACTS / "late-payment.jsonl"
    r = qiyue_cli("eval", str(RULES), "--facts", str(facts), "--as-of", "2025-12-31, 2025-10-01", "--format", "json")
    assert r.returncode == 0, r.stderr
    got = json.loads(r.stdout)
    assert list(got) == ["2025-10-01T00:00:00+08:00", "2025-12-31T00:00:00+08:00"]
    for at, report in got.items():
        one = qiyue_cli("eval", str(RULES), "--facts", str(facts), "--as-of", at, "--format", "json")
        assert json.loads(one.stdout) == report
    out = tmp_path / "r.json"
    r = qiyue_cli("eval", str(RULES), "--facts", str(facts), "--as-of", "2025-10-01,2025-12-31", "--format", "json",
                  "--pretty", "-o", str(out))
    assert r.returncode == 0 and json.loads(out.read_text(encoding="utf-8")) == got
    assert out.read_text(encoding="utf-8") == json.dumps(got, ensure_ascii=False, indent=2) + "\n"


def test_cli_text_has_a_section_per_instant():
    facts = FACTS / "late-payment.jsonl"
    r = qiyue_cli("eval", str(RULES), "--facts", str(facts), "--as-of", "2025-10-01,2025-12-31")
    assert r.returncode == 0, r.stderr
    one = qiyue_cli("eval", str(RULES), "--facts", str(facts), "--as-of", "2025-12-31")
    head = "======== 报告时点 2/2：2025年12月31日0时（2025-12-31T00:00:00+08:00） ========"
    assert r.stdout.startswith("======== 报告时点 1/2：") and head in r.stdout
    assert r.stdout.split(head + "\n", 1)[1] == one.stdout
    en = qiyue_cli("eval", str(RULES), "--facts", str(facts), "--as-of", "2025-10-01,2025-12-31", "--lang", "en")
    assert "======== Instant 2 of 2: 31 December 2025, 00:00 (2025-12-31T00:00:00+08:00) ========" in en.stdout


def test_cli_fail_on_looks_at_every_instant():
    facts = FACTS / "late-payment.jsonl"
    r = qiyue_cli("eval", str(RULES), "--facts", str(facts), "--as-of", "2025-07-01,2025-12-31", "--format", "json",
                  "--fail-on", "violated")
    assert r.returncode == 3 and "violated" in r.stderr


def test_cli_bad_instant_and_html():
    facts = str(FACTS / "late-payment.jsonl")
    r = qiyue_cli("eval", str(RULES), "--facts", facts, "--as-of", "2025-12-31,2025-13-01")
    assert r.returncode == 1 and "第 2 个（共 2 个）" in r.stderr and "2025-13-01" in r.stderr
    r = qiyue_cli("eval", str(RULES), "--facts", facts, "--as-of", "2025-12-31,2025-13-01", "--format", "json",
                  "--lang", "en")
    assert r.returncode == 1 and "instant 2 of 2" in json.loads(r.stdout)["errors"][0]["message"]
    r = qiyue_cli("eval", str(RULES), "--facts", facts, "--as-of", "2025-12-31,2026-01-31", "--format", "html")
    assert r.returncode == 2 and "--format html" in r.stderr


_STOPS_LATER = """contract "D" { calendar official }
party 甲方 "买方" as buyer
party 乙方 "卖方" as supplier
event bill "账单" { n: int "n" }
clause "1" "x" {
  finding big info "大" {
    for each bill b where 10 / b.n > 1
  }
}
"""


@pytest.mark.parametrize("fmt", ["json", "text"])
def test_cli_output_file_is_written_whole_or_not_at_all(tmp_path, fmt):
    # an error met in the replay of a later instant (a division by zero at March's bill) ends the command: the file
    # of -o is not left holding the first instant's report without the rest (half a JSON object), and what the
    # path held before stays; on success the file holds what standard output would, and nothing else is left beside it
    rules, facts, out = tmp_path / "d.qy", tmp_path / "d.jsonl", tmp_path / "out.txt"
    rules.write_text(_STOPS_LATER, encoding="utf-8")
    facts.write_text('{"id":"b1","type":"bill","at":"2026-01-05T10:00:00+08:00","n":2}\n'
                     '{"id":"b2","type":"bill","at":"2026-03-05T10:00:00+08:00","n":0}\n', encoding="utf-8")
    args = ("eval", str(rules), "--facts", str(facts), "--format", fmt)
    r = qiyue_cli(*args, "--as-of", "2026-02-01,2026-04-01", "-o", str(out))
    assert r.returncode == 1 and "out_of_range" in r.stdout + r.stderr and "Traceback" not in r.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["d.jsonl", "d.qy"]
    out.write_text("before\n", encoding="utf-8")
    for as_of in ("2026-02-01,2026-04-01", "2026-04-01"):
        r = qiyue_cli(*args, "--as-of", as_of, "-o", str(out))
        assert r.returncode == 1 and out.read_text(encoding="utf-8") == "before\n"
    r = qiyue_cli(*args, "--as-of", "2026-02-01,2026-03-01", "-o", str(out))
    assert r.returncode == 0 and r.stdout == ""
    assert out.read_text(encoding="utf-8") == qiyue_cli(*args, "--as-of", "2026-02-01,2026-03-01").stdout
    assert sorted(p.name for p in tmp_path.iterdir()) == ["d.jsonl", "d.qy", "out.txt"]


def test_cli_output_file_that_cannot_be_written_is_an_error_not_a_traceback(tmp_path):
    facts = str(FACTS / "late-payment.jsonl")
    for target in (tmp_path / "no" / "r.json", tmp_path):
        for fmt in ("json", "text"):
            r = qiyue_cli("eval", str(RULES), "--facts", facts, "--as-of", "2025-12-31", "--format", fmt, "-o",
                          str(target), "--lang", "en")
            assert r.returncode == 1 and "Traceback" not in r.stderr, r.stderr
            assert "unwritable_file" in r.stdout + r.stderr and str(target) in r.stdout + r.stderr


def test_cli_output_file_keeps_the_mode_and_links_of_what_it_replaces(tmp_path):
    # a reviewer: replacing the file made a private report (0600) readable by all and replaced a link by a file
    facts = str(FACTS / "late-payment.jsonl")
    out, link = tmp_path / "r.json", tmp_path / "link.json"
    out.write_text("old\n", encoding="utf-8")
    out.chmod(0o600)
    link.symlink_to("r.json")
    r = qiyue_cli("eval", str(RULES), "--facts", facts, "--as-of", "2025-12-31", "--format", "json", "-o", str(link))
    assert r.returncode == 0, r.stderr
    assert link.is_symlink() and json.loads(out.read_text(encoding="utf-8"))["as_of"] == "2025-12-31T00:00:00+08:00"
    assert out.stat().st_mode & 0o777 == 0o600
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link.json", "r.json"]


@pytest.mark.parametrize("target", ["/dev/full", "{tmp}/newdir/"])
def test_cli_output_that_fails_on_the_way_is_an_error_not_a_traceback(tmp_path, target):
    import os
    if target == "/dev/full" and not os.path.exists("/dev/full"):
        pytest.skip("no /dev/full here")
    facts = str(FACTS / "late-payment.jsonl")
    for fmt in ("json", "text"):
        r = qiyue_cli("eval", str(RULES), "--facts", facts, "--as-of", "2025-12-31,2026-01-31", "--format", fmt,
                      "-o", target.format(tmp=tmp_path))
        assert r.returncode == 1 and "Traceback" not in r.stderr and "unwritable_file" in r.stdout + r.stderr
    assert not (tmp_path / "newdir").exists()


@pytest.mark.parametrize("as_of", ["2025-12-31", "2025-12-31,2026-01-31"])
def test_cli_output_file_that_is_an_input_or_no_name_is_refused_before_anything_is_read(tmp_path, as_of):
    # a fuzzer: `-o` naming the facts file replaced the facts by the report (exit 0); `-o ""` wrote to standard output
    facts, rules = tmp_path / "f.jsonl", tmp_path / "r.qy"
    facts.write_bytes((FACTS / "late-payment.jsonl").read_bytes())
    rules.write_bytes(RULES.read_bytes())
    (tmp_path / "link.jsonl").symlink_to("f.jsonl")
    for target, said in ((facts, "事实文件"), (tmp_path / "link.jsonl", "事实文件"), (rules, "规则文件"), ("", "文件名为空")):
        r = qiyue_cli("eval", str(rules), "--facts", str(facts), "--as-of", as_of, "--format", "json", "-o", str(target))
        assert r.returncode == 1 and "unwritable_file" in r.stdout and said in r.stdout, r.stdout + r.stderr
    assert facts.read_bytes() == (FACTS / "late-payment.jsonl").read_bytes()
    assert rules.read_bytes() == RULES.read_bytes()


def test_cli_json_at_several_instants_with_a_bad_fact_file_is_the_errors_alone(tmp_path):
    # a fuzzer: the object of reports was opened ("{") before the facts were read, and the errors followed it — the
    # output was no JSON at all; now the errors are the whole output, as at one instant
    bad = tmp_path / "bad.jsonl"
    bad.write_text("{bad\n", encoding="utf-8")
    for extra in ((), ("--pretty",)):
        r = qiyue_cli("eval", str(RULES), "--facts", str(bad), "--as-of", "2026-06-01,2027-01-01", "--format", "json",
                      *extra)
        assert r.returncode == 1 and list(json.loads(r.stdout)) == ["errors"]


def test_cli_error_written_to_a_reader_that_went_away_is_no_traceback(tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text("{bad\n" * 2000, encoding="utf-8")
    p = subprocess.Popen([sys.executable, "-m", "engine.cli", "eval", str(RULES), "--facts", str(bad), "--as-of",
                          "2026-06-01", "--format", "json"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT)
    p.stdout.close()  # (the reader is gone before anything is written)
    err = p.stderr.read().decode("utf-8")
    assert p.wait() == 1 and "Traceback" not in err


def test_watch_until_not_an_instant_names_until():
    r = qiyue_cli("watch", str(RULES), "--facts", str(FACTS / "late-payment.jsonl"), "--once", "--until", "x")
    assert r.returncode == 1 and "--until" in r.stderr and "--as-of" not in r.stderr
