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
