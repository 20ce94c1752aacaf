"""The durable backend where durable_rules is missing (runs everywhere; the differential proof of
the backend itself is tests/test_live_differential.py, skipped without the extra)."""
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

NO_DURABLE = """\
import json, sys
sys.modules['durable_rules_engine'] = None  # (as on a Python where it does not import)
from pathlib import Path
import qiyue
from engine.diagnostics import QiyueError
rules = qiyue.compile_file(Path('rules/gzmz-2025-it-ops.qy'))
out = {}
for name, call in [
        ("evaluate", lambda: rules.evaluate([], "2026-01-01", backend="durable")),
        ("evaluate_many", lambda: rules.evaluate_many([], ["2026-01-01"], backend="durable")),
        ("qiyue.evaluate", lambda: qiyue.evaluate(rules, [], "2026-01-01", backend="durable")),
        ("run", lambda: rules.run([], "2026-01-01", backend="durable"))]:
    try:
        call()
        out[name] = None
    except QiyueError as e:
        d = e.diagnostics[0]
        out[name] = [d.code, d.text("en"), d.hint_text("en"), d.text("zh"), d.hint_text("zh")]
out["reference"] = rules.evaluate([], "2026-01-01")["as_of"]
print(json.dumps(out, ensure_ascii=False))
"""


def test_without_durable_rules_the_durable_backend_says_how_to_install_it():
    proc = subprocess.run([sys.executable, "-c", NO_DURABLE], capture_output=True, text=True, cwd=ROOT)
    assert proc.returncode == 0 and "Traceback" not in proc.stderr, proc.stderr
    out = json.loads(proc.stdout)
    assert out.pop("reference") == "2026-01-01T00:00:00+08:00"  # (the reference needs nothing more)
    for name, got in out.items():
        assert got is not None, name
        code, en, hint_en, zh, hint_zh = got
        assert code == "live_unavailable", name
        assert "durable-rules 2.0.28" in en and "pip install -e '.[live]'" in hint_en
        assert "无法导入" in zh and "pip install -e '.[live]'" in hint_zh


# ---------------------------------------------------------------------------- qiyue eval --backend

CLI_NO_DURABLE = """\
import sys
sys.modules['durable_rules_engine'] = None  # (as on a Python where it does not import)
from engine.cli import main
sys.exit(main(sys.argv[1:]))
"""


def _cli(args, no_durable=False):
    argv = [sys.executable, "-c", CLI_NO_DURABLE, *args] if no_durable else \
        [sys.executable, "-m", "engine.cli", *args]
    return subprocess.run(argv, capture_output=True, cwd=ROOT)


def test_eval_backend_durable_without_the_extra_says_how_to_install_it_before_reading_facts():
    for extra in ([], ["--as-of", "2026-01-01,2026-02-01"], ["--format", "json"]):
        proc = _cli(["eval", "rules/gzmz-2025-it-ops.qy", "--facts", "no-such-file.jsonl", "--backend", "durable",
                     "--lang", "en", *extra], no_durable=True)
        err = proc.stderr.decode() + proc.stdout.decode()  # (--format json: the errors as JSON on stdout)
        assert proc.returncode == 1 and "Traceback" not in err, err
        assert "durable-rules 2.0.28" in err and "pip install -e '.[live]'" in err, err
    proc = _cli(["eval", "rules/gzmz-2025-it-ops.qy", "--facts", "facts/data-leak.jsonl", "--as-of", "2026-07-01",
                 "--format", "json"], no_durable=True)
    assert proc.returncode == 0  # (the reference, the default, needs nothing more)


def test_eval_backend_durable_prints_the_reference_report():
    import pytest

    pytest.importorskip("durable_rules_engine")
    for facts, as_of in (("facts/full-year.jsonl", "2026-08-31"), ("facts/force-majeure.jsonl", "2026-07-01"),
                         ("facts/late-payment.jsonl", "2025-10-01,2025-12-31")):
        for fmt in (["--format", "json"], ["--format", "text"], ["--format", "json", "--pretty"]):
            both = [_cli(["eval", "rules/gzmz-2025-it-ops.qy", "--facts", facts, "--as-of", as_of, *fmt,
                          "--backend", b]) for b in ("reference", "durable")]
            assert both[0].returncode == both[1].returncode == 0, both[1].stderr.decode()
            assert both[0].stdout == both[1].stdout and both[0].stdout, (facts, fmt)


def test_watch_backend_durable_prints_what_the_reference_prints():
    import pytest

    pytest.importorskip("durable_rules_engine")
    for facts in ("facts/full-year.jsonl", "facts/data-leak.jsonl"):
        both = [_cli(["watch", "rules/gzmz-2025-it-ops.qy", "--facts", facts, "--once", "--format", "json",
                      "--until", "2027-01-01", "--backend", b]) for b in ("reference", "durable")]
        assert both[0].returncode == both[1].returncode and both[0].stdout == both[1].stdout and both[0].stdout
    proc = _cli(["watch", "rules/gzmz-2025-it-ops.qy", "--facts", "facts/data-leak.jsonl", "--once",
                 "--backend", "durable", "--lang", "en"], no_durable=True)
    assert proc.returncode == 1 and "pip install -e '.[live]'" in proc.stderr.decode()


CHECK_NO_DURABLE = """\
import contextlib, io, json, pathlib, sys, tempfile
sys.modules['durable_rules_engine'] = None  # (as on a Python where it does not import)
from engine import cli
# om-outsourcing runs wholly on the Rete: its pay_month line given a count( ) that the Rete cannot decide (one
# written before another part, whose condition computes a value — `i.at + 1 days` —: qiyue counts for every pair)
text = pathlib.Path("rules/examples/om-outsourcing.qy").read_text(encoding="utf-8")
text = text.replace("      where i.month == a.month\\n",
                    "      where i.month == a.month and count(payment_made p where p.month == a.month and "
                    "p.at > i.at + 1 days) >= 0\\n")
assert "count(payment_made p" in text
path = pathlib.Path(tempfile.mkdtemp()) / "om.qy"
path.write_text(text, encoding="utf-8")
for args in (["--backend", "durable"], []):
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        code = cli.main(["check", str(path), "--format", "json", "--lang", "en", *args])
    found = json.loads(out.getvalue())["findings"]
    print(json.dumps([code, [f for f in found if f["code"] == "live_residual"]]))
"""


def test_check_with_the_durable_backend_names_the_lines_qiyue_matches_without_durable_rules():
    """`qiyue check --backend durable` (the checker saying which lines the Rete does not wholly decide,
    and why, issue 14) compiles the patterns as plain data: it needs no durable_rules."""
    proc = subprocess.run([sys.executable, "-c", CHECK_NO_DURABLE], capture_output=True, text=True, cwd=ROOT)
    assert proc.returncode == 0 and "Traceback" not in proc.stderr, proc.stderr
    (code, durable), (code_ref, reference) = map(json.loads, proc.stdout.splitlines())
    assert code == code_ref == 0 and reference == []
    # (the three rule files run wholly on the Rete now: pay_month's line given a count( ), the Rete pairs an
    # invoice with its month's assessment, qiyue tests the rest)
    assert [(f["line"], f["severity"]) for f in durable] == [(314, "info")]
    assert durable[0]["message"].startswith("this `for each` line of pay_month on the durable backend: "
                                            "durable_rules' Rete tests the leading parts")
    assert "count( )" in durable[0]["message"]
    assert all(f["hint"].startswith("the report is the reference's either way") for f in durable)
