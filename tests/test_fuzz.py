"""Issue 10, class 7: a fuzzer that stays.  A short, seeded, bounded pass of ``bench/fuzz.py`` on every
test run — mutated rule files, mutated fact streams, API calls with odd arguments — must end with no
finding beyond the reviewed list ``KNOWN``: every case gives a result or a ``QiyueError`` whose
diagnostics render in Chinese and English, within the time bound, in bounded memory, and no fact
stream is accepted with a money string outside the one written form (nor any other input one
mutation made invalid beyond doubt).  ``python bench/fuzz.py --seed 10 --replay KIND:INDEX`` shows
any case of this pass again.

The harness itself is tested too: an exception, a case past the bound, a worker that dies and one
stuck in C code are each a finding, and the run goes on after them.
"""
import importlib.util
import os
import signal
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location("qiyue_fuzz", ROOT / "bench" / "fuzz.py")
fuzz = importlib.util.module_from_spec(_spec)
sys.modules["qiyue_fuzz"] = fuzz
_spec.loader.exec_module(fuzz)

SEED = 10
COUNTS = {"rules": 300, "facts": 3000, "api": 100}
TIMEOUT = 10.0  # seconds per case (bench/fuzz.py's long run uses 5 on a quiet machine)

# What this pass finds today, reviewed: a finding listed here is a known defect left to the engine's
# owners; any other fails the test.  Delete an entry once it is fixed.  Empty since 70e3ae0: the pass
# found three, all fixed since — the HTML time axis of a contract signed in 1901 and reported on in
# 2027 had no tick step (StopIteration at engine/report/html.py:render_html, facts:2703), compile_file(None)
# was a TypeError from deep in pathlib (api:20), and a named pipe given as the rule file blocked in
# open() past the time bound (timeout:call:engine/api.py, api:85; /dev/zero read until memory ran out).
KNOWN: set[str] = set()


@pytest.fixture(scope="module")
def summary(tmp_path_factory):
    # The address space of a worker is capped at 1 GB: a read without bound ends in MemoryError
    # within a second rather than after 4 GB.
    return fuzz.run(SEED, COUNTS, jobs=2, timeout=TIMEOUT, out=tmp_path_factory.mktemp("fuzz"), progress=False,
                    mem_limit_mb=1024, peak_mb=4096, growth_blocks=100_000,
                    warmup={"rules": 100, "facts": 500, "api": 30})


def test_every_case_ran(summary):
    assert summary["aborted"] is None
    assert summary["cases"] == COUNTS


def test_no_finding_beyond_the_known_ones(summary):
    new = {k: v for k, v in summary["findings"].items() if k not in KNOWN}
    assert not new, "new findings (replay with python bench/fuzz.py --seed %d --replay KIND:INDEX):\n%s" % (
        SEED, "\n".join(f"  {k}: {v['example']} ({v['stage']}) {v['message'][:300]}" for k, v in new.items()))


def test_money_in_the_one_written_form():
    """The silent-acceptance oracle's own idea of canonical money (issue 10, class 3)."""
    for text in ("3490000.00", "3,490,000.00", "0", "0.5", "349,000", "¥1,000.00", "999,999,999,999,999.99"):
        assert fuzz.money_is_canonical(text), text
    for text, why in [("3490000,00", "misplaced_comma"), ("3,4,9,0,0,0,0", "misplaced_comma"),
                      ("349,0000", "misplaced_comma"), ("3_490_000", "underscore"), ("１２３", "non_ascii_digit"),
                      ("٣٤٩", "non_ascii_digit"), ("-1.00", "sign"), ("1e9", "exponent"), ("1.234", "too_many_decimals"),
                      ("1 000", "whitespace"), ("", "other"), (".5", "other")]:
        assert not fuzz.money_is_canonical(text), text
        assert fuzz.money_category(text) == why, text


def test_a_case_is_made_from_the_seed_alone():
    for kind in fuzz.KINDS:
        for i in (0, 7, 1234):
            assert fuzz.make_case(SEED, kind, i) == fuzz.make_case(SEED, kind, i)
    assert fuzz.make_case(SEED, "facts", 1) != fuzz.make_case(SEED + 1, "facts", 1)


def _misbehaving(case, ctx):
    i = case["index"]
    if i == 3:
        raise ValueError("boom")
    if i == 5:
        time.sleep(60)  # past the bound: the alarm cuts it off
    if i == 7:
        os._exit(9)  # the worker dies
    if i == 9:  # deaf to the alarm, as a loop in C code would be: the watchdog kills the worker
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM})
        time.sleep(60)
    return "result"


def test_the_harness_reports_each_failure_and_goes_on(monkeypatch, tmp_path):
    monkeypatch.setitem(fuzz.RUNNERS, "api", _misbehaving)
    monkeypatch.setattr(fuzz, "confirm_alone", lambda f, cfg: (True, None))  # (a replay would run the real case)
    # (bounds of 3 s, not 1: under load — CI beside other tests, 2026-12-07 — a worker started again after case 9's
    # was killed took past 1 s and case 11 was named in its place)
    s = fuzz.run(SEED, {"api": 12}, jobs=2, timeout=3.0, out=tmp_path, progress=False, grace=3.0)
    assert s["cases"] == {"api": 12}
    assert set(s["findings"]) == {"ValueError at tests/test_fuzz.py:_misbehaving", "timeout:start:tests/test_fuzz.py",
                                  "crash:exit9:api", "hang:api"}
    assert {f["example"] for f in s["findings"].values()} == {"api:3", "api:5", "api:7", "api:9"}
    saved = {p.name for p in (tmp_path / "findings").iterdir()}
    assert len(saved) == 4 and all((tmp_path / "findings" / n / "case.json").exists() for n in saved)


def test_the_durable_backend_gives_the_same_reports_under_the_fuzzer(monkeypatch, tmp_path):
    """``bench/fuzz.py --durable`` (issue 14): every mutant rule file and fact stream of a short pass that
    evaluates is evaluated again on the durable backend; a report that is not the very same bytes, or a
    refusal the reference did not give, is a finding."""
    from engine.live import available
    if not available():
        pytest.skip("durable_rules is not installed (the [live] extra)")
    monkeypatch.setenv("QIYUE_FUZZ_DURABLE", "1")  # (the workers inherit it)
    s = fuzz.run(SEED + 1, {"rules": 150, "facts": 600}, jobs=2, timeout=TIMEOUT, out=tmp_path, progress=False,
                 mem_limit_mb=2048, peak_mb=4096, growth_blocks=100_000, warmup={"rules": 50, "facts": 100})
    assert s["aborted"] is None and s["cases"] == {"rules": 150, "facts": 600}
    assert not s["findings"], {k: (v["example"], v["message"][:200]) for k, v in s["findings"].items()}
