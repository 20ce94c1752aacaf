"""The language reference stays true: every example in docs/language.md parses (and the
whole-file ones check), and its keyword table matches the grammar."""
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_language_reference_examples_hold():
    r = subprocess.run([sys.executable, str(ROOT / "bench" / "doc_examples.py")], capture_output=True, text=True,
                       cwd=ROOT)
    assert r.returncode == 0, r.stdout[-3000:] + r.stderr[-3000:]
    assert "0 failure(s)" in r.stdout
